"""Default Word templates of the letters (docxtpl) and the letterhead data; built by maak.py."""
