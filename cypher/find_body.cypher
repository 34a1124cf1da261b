// Question: Which bodies (or other nodes) have a name, alias or id containing a text?
//
// Parameters:
//   name (string): part of the name, an alias or the id; any case
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
//
// Notes: use it to look up the ids the other queries take. Shortest names first, so an
//   exact name comes before longer ones that contain it.

MATCH (n:OzgGraph)
WHERE toLower(n.name) CONTAINS toLower($name)
   OR n.id CONTAINS toLower($name)
   OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS toLower($name))
RETURN
  n.id AS id,
  [label IN labels(n) WHERE label <> 'OzgGraph'][0] AS label,
  n.name AS name,
  head(COLLECT { MATCH (n)-[:PART_OF*0..5]->(land:State) RETURN land.name }) AS land,
  coalesce(n.aliases, []) AS aliases
ORDER BY size(n.name), n.name
LIMIT $limit
