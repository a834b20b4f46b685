"""The visitors' touchscreen kiosk (Qt Quick): `uv run main.py kiosk [--windowed]`."""
