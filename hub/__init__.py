"""A class on one machine: JupyterHub serving every student the course's handouts.

``make hub`` runs :mod:`hub.launch` (checks, then ``jupyterhub -f hub/jupyterhub_config.py``);
``make hub-test`` runs :mod:`hub.class_test`, which logs a class in and measures it.
"""
