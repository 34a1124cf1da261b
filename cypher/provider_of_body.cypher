// Question: Which IT providers serve a municipality (or any body): whom does it belong to
//   as Träger, member or Gesellschafter, who hosts or supplies its services, and which
//   providers do its Kreis and Gemeindeverband belong to?
//
// Parameters:
//   body (string): id of the body, e.g. a Gemeinde (ags-<AGS>)
//   :param body => 'ags-03357045';
//
// Columns:
//   through_id: id of the unit holding the tie: the body itself, or its Kreis or
//     Gemeindeverband above it
//   through_name: name of that unit
//   level: 0 for the body itself, 1 or 2 for a unit above it
//   provider_id: id of the provider (or of a Kreis that runs a service)
//   provider: its name
//   tie: MEMBER_OF (a membership) or SERVED_BY (a service)
//   relation: kind of tie (Träger, member, Gesellschafter ...; customer, hosting, support)
//   application: the one application a hosting tie is about; null otherwise
//   date: when the source says the tie held
//   evidence: fact, derived, inferred, planned ...
//   sources: ids of the Source nodes behind the tie
//
// Notes: former memberships, planned accessions, historical customers and ended ties
//   (valid_to) are left out. A tie of the Kreis or
//   Gemeindeverband is that unit's tie, not the Gemeinde's: the level column says which.
//   Bodies with no recorded tie return no rows (the data is not complete).

MATCH (b:OzgGraph {id: $body})
MATCH path = (b)-[:PART_OF*0..2]->(unit:OzgGraph)
WHERE unit = b OR unit:District OR unit:MunicipalAssociation
MATCH (unit)-[r:MEMBER_OF|SERVED_BY]->(p:OzgGraph)
WHERE (type(r) = 'SERVED_BY' OR p:ITProvider)
  AND NOT coalesce(r.relation, 'member') IN
        ['former member', 'accession planned', 'historical customer']
    AND r.valid_to IS NULL
RETURN
  unit.id AS through_id,
  unit.name AS through_name,
  length(path) AS level,
  p.id AS provider_id,
  p.name AS provider,
  type(r) AS tie,
  r.relation AS relation,
  r.application AS application,
  r.date AS date,
  r.evidence AS evidence,
  r.sources AS sources
ORDER BY level, tie, provider
