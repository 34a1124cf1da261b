// Question: Which municipalities and Kreise of a Land take part in no cooperation at all
//   (white spots on the map of OZG cooperation)?
//
// Parameters:
//   land (string): id of the State
//   :param land => 'ags-06';
//
// Columns:
//   label: Municipality or District
//   id: id of the unit
//   name: its name
//   ags: its AGS
//   kreis: for a municipality, the name of its Kreis (District); null for a Kreis
//   kreis_in_cooperation: true if that Kreis itself is a member of a cooperation, so the
//     municipality is reached at one remove
//   population: inhabitants (GV100AD)
//
// Notes: a unit counts as cooperating if it is itself MEMBER_OF a Cooperation.
//   Taking part in a programme (PARTICIPATES_IN) or reusing a solution is not cooperation
//   here. Kreise first, then municipalities by Kreis and name.

MATCH (land:State {id: $land})<-[:PART_OF*1..4]-(unit:Municipality|District)
WHERE NOT EXISTS { (unit)-[:MEMBER_OF]->(:Cooperation) }
OPTIONAL MATCH (unit:Municipality)-[:PART_OF*1..2]->(kreis:District)
RETURN
  [label IN labels(unit) WHERE label <> 'OzgGraph'][0] AS label,
  unit.id AS id,
  unit.name AS name,
  unit.ags AS ags,
  kreis.name AS kreis,
  CASE WHEN kreis IS NULL THEN null
       ELSE EXISTS { (kreis)-[:MEMBER_OF]->(:Cooperation) } END AS kreis_in_cooperation,
  unit.population AS population
ORDER BY label, kreis, name
