// Question: Who reuses a solution, at which stage and since when, and from whom does
//   it come (its developers, operators and providers)?
//
// Parameters:
//   solution (string): id of the Solution
//   :param solution => 'sol-wohngeld-online';
//   evidence (list, default ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived']): evidence values to keep (docs/dataset.md), e.g. ['fact'] for facts only
//   :param evidence => ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived'];
//
// Columns:
//   id: id of the reusing body
//   label: its label
//   name: its name
//   land: its Land (PART_OF up to the State); null if none
//   stage: interest, planned, contract, connected or live, never more than the source says
//   date: date of that stage as precise as the source
//   valid_to: end of that stage, if a source reports one
//   evidence: how sure the stage is (live/connected: fact, contract: agreed, planned,
//     interest: announced)
//   developers: names of the bodies that develop the solution
//   operators: names of the bodies that operate it
//   providers: names of the bodies that provide it
//   relationship_id: id of the REUSES relationship (see relationship_sources)
//
// Notes: one row per REUSES relationship, so a body that moved from planned to live has
//   a row for each stage. Adopters a source gives only as a number are on the Solution
//   (reported_adopters), not here.

MATCH (s:Solution {id: $solution})
WITH s,
     COLLECT { MATCH (s)<-[:DEVELOPS]-(x:OzgGraph) RETURN x.name ORDER BY x.name } AS developers,
     COLLECT { MATCH (s)<-[:OPERATES]-(x:OzgGraph) RETURN x.name ORDER BY x.name } AS operators,
     COLLECT { MATCH (s)<-[:PROVIDES]-(x:OzgGraph) RETURN x.name ORDER BY x.name } AS providers
MATCH (user:OzgGraph)-[r:REUSES]->(s)
WHERE r.evidence IN $evidence
RETURN
  user.id AS id,
  [label IN labels(user) WHERE label <> 'OzgGraph'][0] AS label,
  user.name AS name,
  head(COLLECT { MATCH (user)-[:PART_OF*0..5]->(land:State) RETURN land.name }) AS land,
  r.stage AS stage,
  r.date AS date,
  r.valid_to AS valid_to,
  r.evidence AS evidence,
  developers,
  operators,
  providers,
  r.id AS relationship_id
// earliest stage first within a body: the order of the stages in the schema
ORDER BY name, r.date, [i IN range(0, 4)
  WHERE ['interest', 'planned', 'contract', 'connected', 'live'][i] = r.stage][0]
