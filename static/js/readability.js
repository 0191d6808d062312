// The readability of the text as it is typed: see handreiking/admin/readability.py.
