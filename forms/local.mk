# forms/: the form definitions, their schema, and the loader.
