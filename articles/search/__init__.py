"""Chinese full-text search: a haystack backend on Whoosh + jieba, the Article index and its queue."""
