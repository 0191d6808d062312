"""Public pages at static-file speed: a full-page cache and conditional GET.

An anonymous GET or HEAD of a public page is answered from a stored copy when one exists for the
current content version. The version is a random token in the database that every change readers
can see replaces in its own transaction (`ContentVersion`), and it is read once per request, so a
publish shows on every worker and every instance on the very next request: no copy is ever
stale, whatever cache holds it (Redis, or local memory per process). See `middleware` for what is
never shared, `keys` for what a stored copy is keyed by and how the version is read, `warming`
for the pages prepared at publication, and `docs/deployment.md` for nginx.
"""
