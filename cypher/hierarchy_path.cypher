// Question: Where does a municipality sit in the territorial hierarchy: its
//   Verbandsgemeinde or Amt (if any), Kreis, Regierungsbezirk (if any) and Land?
//
// Parameters:
//   municipality (string): id (ags-06431002) or 8-digit AGS (06431002) of the Municipality
//   :param municipality => '06431002';
//
// Columns:
//   depth: 0 for the municipality, 1 for its parent, ... up to the State
//   id: id of the unit
//   label: Municipality, MunicipalAssociation, District, AdministrativeDistrict or State
//   name: its name
//   official_name: its official name (GV100AD)
//   kind: its kind (Stadt, Landkreis, Regierungsbezirk, ...)
//   key: its AGS, or the ARS of a Gemeindeverband
//
// Notes: follows PART_OF from the municipality up to its State.

MATCH (m:Municipality)
WHERE m.id = $municipality OR m.ags = $municipality
MATCH p = (m)-[:PART_OF*0..5]->(:State)
UNWIND range(0, length(p)) AS depth
WITH depth, nodes(p)[depth] AS unit
RETURN
  depth,
  unit.id AS id,
  [label IN labels(unit) WHERE label <> 'OzgGraph'][0] AS label,
  unit.name AS name,
  unit.official_name AS official_name,
  unit.kind AS kind,
  coalesce(unit.ags, unit.ars) AS key
ORDER BY depth
