"""Exhibit's core: the archive, its search, media and printing. Never imports Qt."""
