// Question: Which bodies are the most central in the cooperation network, by the
//   analytics written back onto the nodes (PageRank, betweenness, community)?
//
// Parameters:
//   limit (int, default 20): at most this many rows
//   :param limit => 20;
//
// Columns:
//   id: id of the node
//   label: its label
//   name: its name
//   land: its Land (PART_OF up to the State); null if none
//   pagerank: PageRank written by 'ozggraph analyze --write'
//   betweenness: betweenness centrality written by the same
//   brokerage_role: Gould-Fernandez brokerage role, if any
//   community: id of its community
//
// Notes: no rows until 'ozggraph analyze --write' has run: the analytics are not part of
//   the dataset and a reload removes them. Highest PageRank first.

MATCH (n:OzgGraph)
WHERE n.pagerank IS NOT NULL OR n.betweenness IS NOT NULL
RETURN
  n.id AS id,
  [label IN labels(n) WHERE label <> 'OzgGraph'][0] AS label,
  n.name AS name,
  head(COLLECT { MATCH (n)-[:PART_OF*0..5]->(land:State) RETURN land.name }) AS land,
  n.pagerank AS pagerank,
  n.betweenness AS betweenness,
  n.brokerage_role AS brokerage_role,
  n.community AS community
// nulls last: a node with only one of the two scores still ranks
ORDER BY coalesce(n.pagerank, -1.0) DESC, coalesce(n.betweenness, -1.0) DESC, name
LIMIT $limit
