// Question: Which bodies (or other nodes) have a name or alias matching a text, or this id?
//
// Parameters:
//   name (string): words of the name or an alias, any case, all of them must occur;
//     end a word with * for a prefix (Bens*); or an exact id
//   :param name => 'Bensheim';
//   limit (int, default 25): at most this many rows
//   :param limit => 25;
//
// Columns:
//   id: id of the node (the value other queries take)
//   label: its label (Municipality, Cooperation, Solution, ...)
//   name: its name
//   land: its Land, found by walking PART_OF up to the State; null if none
//   aliases: other names it is known by
//   score: how well the name or an alias matches (full-text score; 100 for an exact id)
//
// Notes: use it to look up the ids the other queries take. Searches the full-text index
//   ozggraph_names (name and aliases of every label, created by 'ozggraph load'); best
//   matches first, then shortest names.

// the text as a full-text query: its words, all required, Lucene syntax characters dropped
WITH [word IN split(reduce(text = $name, c IN ['\\', '+', '-', '!', '(', ')', '{', '}', '[',
        ']', '^', '"', '~', '?', ':', '/', '&', '|', "'", ',', '.'] | replace(text, c, ' ')), ' ')
      WHERE word <> '' | toLower(word)] AS words
WITH reduce(query = '', word IN words |
       query + CASE query WHEN '' THEN '' ELSE ' AND ' END + word) AS query
CALL (query) {
  CALL db.index.fulltext.queryNodes('ozggraph_names', coalesce(nullif(query, ''), 'ozggraph_no_words'))
    YIELD node, score
  RETURN node AS n, score
  UNION
  MATCH (n:OzgGraph {id: $name})
  RETURN n, 100.0 AS score
}
WITH n, max(score) AS score
RETURN
  n.id AS id,
  [label IN labels(n) WHERE label <> 'OzgGraph'][0] AS label,
  n.name AS name,
  head(COLLECT { MATCH (n)-[:PART_OF*0..5]->(land:State) RETURN land.name }) AS land,
  coalesce(n.aliases, []) AS aliases,
  score
ORDER BY score DESC, size(n.name), n.name
LIMIT $limit
