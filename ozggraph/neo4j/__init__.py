"""Neo4j backend: connect, load the graph idempotently, read it back."""
