// Question: Between which Länder does Einer-für-Alle reuse flow: which Land's solutions
//   are reused by bodies of another Land, and how far has that reuse come?
//
// Parameters:
//   stages (list, default ['interest', 'planned', 'contract', 'connected', 'live']): REUSES
//     stages to count
//   :param stages => ['interest', 'planned', 'contract', 'connected', 'live'];
//
// Columns:
//   from_land: Land of a developer of the solution
//   to_land: Land of the reusing body
//   solutions: number of distinct solutions flowing from from_land to to_land
//   solution_names: their names
//   stages: the REUSES stages seen on that flow
//
// Notes: only developers and reusers whose Land is known count; reuse inside the
//   developer's own Land is left out.

MATCH (dev:OzgGraph)-[:DEVELOPS]->(s:Solution)<-[r:REUSES]-(user:OzgGraph)
WHERE r.stage IN $stages
MATCH (dev)-[:PART_OF*0..5]->(from:State)
MATCH (user)-[:PART_OF*0..5]->(to:State)
WITH from, to, s, r
WHERE from <> to
RETURN
  from.name AS from_land,
  to.name AS to_land,
  count(DISTINCT s) AS solutions,
  collect(DISTINCT s.name) AS solution_names,
  collect(DISTINCT r.stage) AS stages
ORDER BY solutions DESC, from_land, to_land
