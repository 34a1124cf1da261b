// Question: Which solutions are operated by a single provider while many bodies depend on
//   them (a single point of failure)?
//
// Parameters:
//   min_dependants (int, default 2): least number of distinct reusing bodies
//   :param min_dependants => 2;
//   stages (list, default ['contract', 'connected', 'live']): REUSES stages that count as
//     depending on the solution
//   :param stages => ['contract', 'connected', 'live'];
//
// Columns:
//   id: id of the Solution
//   name: its name
//   operator_id: id of its only operator
//   operator: name of its only operator
//   operator_evidence: how sure that operation is (fact, planned, inferred ...)
//   dependants: number of distinct bodies reusing it at the given stages
//   dependant_names: their names
//   stages: the stages seen among them
//
// Notes: only OPERATES counts as operating; a solution with no recorded operator is not listed.

MATCH (s:Solution)<-[o:OPERATES]-(op:OzgGraph)
WITH s, collect(DISTINCT op) AS operators, collect(o.evidence) AS operated
WHERE size(operators) = 1
MATCH (user:OzgGraph)-[r:REUSES]->(s)
WHERE r.stage IN $stages
WITH s, operators[0] AS operator, operated,
     count(DISTINCT user) AS dependants,
     collect(DISTINCT user.name) AS dependant_names,
     collect(DISTINCT r.stage) AS stages
WHERE dependants >= $min_dependants
RETURN
  s.id AS id,
  s.name AS name,
  operator.id AS operator_id,
  operator.name AS operator,
  operated[0] AS operator_evidence,
  dependants,
  dependant_names,
  stages
ORDER BY dependants DESC, name
