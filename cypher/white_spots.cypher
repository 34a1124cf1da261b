// Question: Which municipalities and Kreise of a Land have no recorded tie of cooperation
//   (white spots on the map of OZG cooperation, as far as the data records it)?
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
//   kreis_in_cooperation: true if that Kreis itself has a recorded tie, so the
//     municipality is reached at one remove
//   population: inhabitants (GV100AD)
//
// Notes: a unit has a recorded tie if it is itself MEMBER_OF a Cooperation, a current
//   member (Träger, Gesellschafter ...) of an IT provider, or SERVED_BY a provider; a
//   former membership, a planned accession, a historical customer or a tie that ended
//   (valid_to) is no tie. Taking part in a programme
//   (PARTICIPATES_IN) or reusing a solution is not counted here. The data is not
//   complete: a unit listed has no tie in the data, which is not to say nobody there
//   cooperates. Kreise first, then municipalities by Kreis and name.

MATCH (land:State {id: $land})<-[:PART_OF*1..4]-(unit:Municipality|District)
WHERE NOT EXISTS {
  MATCH (unit)-[r:MEMBER_OF|SERVED_BY]->(t)
  WHERE (t:Cooperation OR t:ITProvider OR type(r) = 'SERVED_BY')
    AND NOT coalesce(r.relation, 'member') IN
        ['former member', 'accession planned', 'historical customer']
    AND r.valid_to IS NULL
}
OPTIONAL MATCH (unit:Municipality)-[:PART_OF*1..2]->(kreis:District)
RETURN
  [label IN labels(unit) WHERE label <> 'OzgGraph'][0] AS label,
  unit.id AS id,
  unit.name AS name,
  unit.ags AS ags,
  kreis.name AS kreis,
  CASE WHEN kreis IS NULL THEN null
       ELSE EXISTS {
         MATCH (kreis)-[r:MEMBER_OF|SERVED_BY]->(t)
         WHERE (t:Cooperation OR t:ITProvider OR type(r) = 'SERVED_BY')
           AND NOT coalesce(r.relation, 'member') IN
        ['former member', 'accession planned', 'historical customer']
    AND r.valid_to IS NULL
       } END AS kreis_in_cooperation,
  unit.population AS population
ORDER BY label, kreis, name
