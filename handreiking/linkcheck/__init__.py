"""Broken links: every external address in the published chapters and in HR's onboarding
material, asked once each, a few at a time and never longer than the time-out, and the outcome
stored in ExternalLink for the editors (`manage.py check_links`).

- `finding`: the external addresses in the chapters and the material, and where each stands.
- `addresses`: which addresses are internal, and the internal hosts the operator allows.
- `transport`: the connections httpx makes, only ever to an address that was vetted.
- `asking`: one address asked (HEAD, GET, redirects) and what its answer means for an editor.
- `checking`: the whole run and an editor's recheck: find, ask, store.
"""
