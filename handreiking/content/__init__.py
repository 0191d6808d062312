"""The handreiking's source text, shipped with the project."""

from pathlib import Path

SEED_FILE = Path(__file__).resolve().parent / "handreiking-online-communicatie.txt"
