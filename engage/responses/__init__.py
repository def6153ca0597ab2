"""The one stream of responses: every piece of free text from every channel."""
