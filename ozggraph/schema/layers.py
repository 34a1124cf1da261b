"""The layers of the network model: what a tie between two bodies means.

Every relationship that ties bodies declares, next to its role (``Edge.tie``), in
which **layer** its ties lie (``Edge.layers``, a :class:`TieRule` per context label):
its direction and its **shape** – a ``clique`` ties the members of one context to
each other (all members of a Cooperation), a ``star`` ties each body to the hub of
the context (a member to its IT provider, a client to its provider, a user to the
makers of a solution, a recipient to the funder of a grant). The rule that turns
relationships into ties is :mod:`ozggraph.network.ties`.

The layers (one vocabulary for analytics, coverage, report, explorer and tables):

``cooperation``
    joint bodies and agreements (members of one Cooperation with each other), current
    memberships in IT providers and associations (Träger, Gesellschafter, member: the
    body with the provider or association).
``reuse``
    makers and users of a solution: the makers with each other, each maker → each user.
``money``
    funder → recipient, one tie per grant; money of a Programme ties its funders to
    each recipient. Two recipients of one funding round are *not* tied.
``service``
    client → provider: a body served by a provider (customer, hosting, support).
``programme``
    taking part in the same Programme (a clique): selected in one round is not
    working together, so this layer is never in the default.

:data:`DEFAULT_LAYERS` are ``cooperation`` and ``reuse``: the ties an analyst
would call working together. Money and service are dependence (who pays, who
serves), asked for with ``--layers``.

>>> [layer.id for layer in LAYERS.values()]
['cooperation', 'reuse', 'money', 'service', 'programme']
>>> LAYERS["service"].direction, LAYERS["service"].depended_on
('client → provider', 'target')
>>> parse_layers("service, money")
('money', 'service')
>>> parse_layers("hosting")  # doctest: +ELLIPSIS
Traceback (most recent call last):
ozggraph.errors.LayerError: unknown layer 'hosting' (layers: cooperation, reuse, money, ...)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from ozggraph.errors import LayerError

#: The layer ids, in the order reports list them.
LayerId = Literal["cooperation", "reuse", "money", "service", "programme"]
#: How a tie rule ties: members with each other, or each body with the context's hub.
Shape = Literal["clique", "star"]


@dataclass(frozen=True)
class Layer:
    """One meaning of a tie between two bodies.

    ``direction``: for a directed layer, what its ties point from and to;
    ``depended_on``: which end of such a tie the other depends on (``source`` or
    ``target`` of the direction), the end a directed ranking favours.
    """

    id: str
    meaning: str
    direction: str | None = None
    depended_on: Literal["source", "target"] | None = None

    @property
    def directed(self) -> bool:
        return self.direction is not None


@dataclass(frozen=True)
class TieRule:
    """How one relationship ties bodies: in which layer and in which shape.

    ``hub`` (stars): who the body is tied to – ``target`` (the provider, association
    or recipient of the relationship) or ``makers`` (the makers of the solution).
    """

    layer: LayerId
    shape: Shape
    hub: Literal["target", "makers"] | None = None


_COOPERATION = "joint bodies, agreements, memberships in IT providers and associations"
_SERVICE = "client and provider of a service (hosting, support)"
LAYERS: dict[str, Layer] = {
    layer.id: layer
    for layer in (
        Layer("cooperation", _COOPERATION),
        Layer("reuse", "makers and users of a solution", "maker → user", "source"),
        Layer("money", "funder and recipient of a grant", "funder → recipient", "source"),
        Layer("service", _SERVICE, "client → provider", "target"),
        Layer("programme", "taking part in the same programme (same funding round)"),
    )
}
assert tuple(LAYERS) == get_args(LayerId)
#: The layers of the default network: working together (see the module docstring).
DEFAULT_LAYERS: tuple[str, ...] = ("cooperation", "reuse")

#: The weighting of every network, as the stamp and the report name it.
WEIGHTING = "1/(n-1) per context of n bodies (Newman 2001)"


def ranks_shares(layers: tuple[str, ...] | list[str]) -> bool:
    """Whether rankings of a network of ``layers`` read its weights as shares.

    A network that holds an undirected layer (cooperation, programme) ranks working
    together: a member of a context of n holds 1/(n-1) of a tie, so a hub is not
    central by its member count alone (PageRank and betweenness with ``shares``,
    :mod:`ozggraph.analytics.centrality`). Networks of dependence layers only (reuse,
    money, service) rank who is depended on: each dependent counts in full.

    >>> ranks_shares(DEFAULT_LAYERS), ranks_shares(("service",))
    (True, False)
    """
    return any(not LAYERS[layer].directed for layer in layers)


def parse_layers(value: str | None) -> tuple[str, ...]:
    """A comma list of layer ids, checked against :data:`LAYERS`, in the schema's order.

    ``None`` or empty: :data:`DEFAULT_LAYERS`.
    """
    if not value:
        return DEFAULT_LAYERS
    wanted = [part.strip() for part in value.split(",") if part.strip()]
    for layer in wanted:
        if layer not in LAYERS:
            raise LayerError(f"unknown layer {layer!r} (layers: {', '.join(LAYERS)})")
    return tuple(layer for layer in LAYERS if layer in wanted) or DEFAULT_LAYERS


def check_layers(layers: tuple[str, ...] | list[str] | str | None) -> tuple[str, ...]:
    """``layers`` as given to a function (ids or a comma list), checked; default if None."""
    if layers is None or isinstance(layers, str):
        return parse_layers(layers)
    return parse_layers(",".join(layers))
