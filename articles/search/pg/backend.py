"""haystack backend: placeholder."""
from haystack.backends.simple_backend import SimpleEngine as PostgresSearchEngine  # noqa: F401
