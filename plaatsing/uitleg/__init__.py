"""Explanations: the motivering per medewerker and uitleg per option."""
