// Question: In which joint projects and agreements (Cooperations) does a body take part,
//   in which role and since when, with how many partners, and which grant pays for them?
//
// Parameters:
//   body (string): id of the body (look it up with find_body)
//   :param body => 'ags-09678135';
//   evidence (list, default ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived']): evidence values of the membership to keep (docs/dataset.md), e.g. ['fact'] for facts only
//   :param evidence => ['fact', 'announced', 'planned', 'promised', 'agreed', 'inferred', 'derived'];
//
// Columns:
//   cooperation: id of the Cooperation
//   name: its name
//   kind: what kind of cooperation (IKZ grant, agreement between Länder, Themenfeld lead
//     pair (OZG 1.0), county–municipal arrangement ...)
//   role: the body's role in it as the source gives it (lead, partner, pilot municipality ...)
//   valid_from: when the body's part began, where a source says so
//   valid_to: when it ended, where a source says so
//   evidence: how sure the membership is (fact, agreed, planned, announced ...)
//   partners: number of other named members
//   reported_members: groups a source names only collectively ("21 Kommunen im Landkreis
//     Rosenheim"), never counted as partners
//   funders: names of the bodies that pay for the cooperation (FUNDS into it)
//   amount_eur: the grant, summed once per FUNDS relationship (null where no amount is
//     given; a lower bound is in amount_bound_eur)
//   amount_bound_eur: lower bounds of grants given only as "over ..."
//
// Notes: only Cooperations (not associations or IT providers); a former membership or a
//   planned accession is shown with its relation in role. Newest first.

MATCH (b:OzgGraph {id: $body})-[m:MEMBER_OF]->(c:Cooperation)
WHERE m.evidence IS NULL OR m.evidence IN $evidence
WITH b, c, m,
     COUNT { MATCH (c)<-[:MEMBER_OF]-(other) WHERE other <> b } AS partners,
     COLLECT { MATCH (f)-[g:FUNDS]->(c) RETURN g } AS grants
RETURN
  c.id AS cooperation,
  c.name AS name,
  c.kind AS kind,
  CASE WHEN m.relation IN ['former member', 'accession planned']
       THEN coalesce(m.role + ' (' + m.relation + ')', m.relation) ELSE m.role END AS role,
  m.valid_from AS valid_from,
  m.valid_to AS valid_to,
  m.evidence AS evidence,
  partners,
  c.reported_members AS reported_members,
  COLLECT { MATCH (f)-[:FUNDS]->(c) RETURN DISTINCT f.name ORDER BY f.name } AS funders,
  CASE WHEN any(g IN grants WHERE g.amount_eur IS NOT NULL)
       THEN reduce(s = 0.0, g IN grants | s + coalesce(g.amount_eur, 0.0)) END AS amount_eur,
  CASE WHEN any(g IN grants WHERE g.amount_bound_eur IS NOT NULL)
       THEN reduce(s = 0.0, g IN grants | s + coalesce(g.amount_bound_eur, 0.0))
  END AS amount_bound_eur
ORDER BY coalesce(m.valid_from, c.date, '') DESC, name
