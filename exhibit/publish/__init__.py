"""The kiosk's side of the archive: a published read-only snapshot, its data, and visit counts.

`snapshot.publish` copies the curators' archive into a folder the kiosk opens
read-only, with public fields only; `kiosk_data` reads what the kiosk shows;
`visits` keeps anonymous counts of what visitors opened.
"""
