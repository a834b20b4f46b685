"""Exhibit's Qt user interface. Calls the core's services; never writes SQL."""
