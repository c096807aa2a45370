"""Orchestration: making, rebuilding, reading back, checking and varying plans (above uitleg and procedure)."""
