"""The automaton that the ReDoS analysis searches: a pattern's tree as an NFA without empty moves.

The construction follows Glushkov's (one state per character of the pattern) but keeps
what a backtracking engine adds to a plain NFA:

- Multiplicity. Two different ways to get from one character to the next, such as the
  inner and the outer loop of `(a+)+`, become two parallel transitions, because the engine
  tries both. A loop iteration that matches nothing is not a way: `regex`, like other
  backtracking engines, stops such an iteration.
- Zero-width assertions. `^`, `$`, `\\b` and friends become conditions on the character
  before and after them, carried on the transitions. Lookarounds are treated as always true.
- Possessive quantifiers and atomic groups. Their body becomes a deterministic gadget that
  leaves only on a character with which it could not go on, so it adds no ambiguity.
- Bounded repetition. `x{2,5}` is unrolled; bounds above `UNROLL_LIMIT` are read as
  unbounded, since a run of that many characters already makes backtracking slow.

Character sets are masks over the pattern's alphabet (see `redos_charsets.Alphabet`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from .redos_charsets import NEWLINE, Alphabet, CodeSet, build_alphabet, word_characters
from .redos_parse import (
    Alternation,
    Assertion,
    Atomic,
    Backreference,
    Chars,
    Group,
    Node,
    ParsedPattern,
    Repeat,
    Sequence,
)

UNROLL_LIMIT = 10
"""Bounds of `{m,n}` up to this are unrolled; larger ones are read as unbounded."""

MAX_STATES = 4000
"""Patterns whose automaton would have more states are not analysed."""

_MAX_GADGET_STATES = 64

# A condition on the characters around an empty match: (previous-character mask, may be at
# the start of the text, next-character mask, may be at the end of the text).
Condition = tuple[int, bool, int, bool]


class AutomatonTooLarge(Exception):
    """The pattern unrolls into more states than the analysis handles within its budget."""


@dataclass
class StateOrigin:
    """Where a state comes from: its character's span in the pattern and the repetitions around it."""

    start: int
    end: int
    repeats: tuple[int, ...] = ()
    """Indexes into `Automaton.repeats`, outermost first."""


@dataclass(frozen=True)
class RepeatInfo:
    """A repetition of the pattern, for pointing a finding at it."""

    start: int
    end: int
    unbounded: bool
    body_has_choice: bool
    """The body contains an alternation or another unbounded repetition, so it can match one text in several ways."""


@dataclass
class Automaton:
    """An NFA over the alphabet's masks.

    State 0 starts an attempt at the beginning of the text and state 1 an attempt anywhere
    else. `edges[(source, target, mask)]` counts the ways (1, or 2 for "more than one").
    `finals[state]` lists the conditions (next-character mask, may be at the end) under
    which an attempt that reached the state has matched.
    """

    alphabet: Alphabet
    origins: list[StateOrigin] = field(default_factory=list)
    repeats: list[RepeatInfo] = field(default_factory=list)
    edges: dict[tuple[int, int, int], int] = field(default_factory=dict)
    finals: dict[int, list[tuple[int, bool]]] = field(default_factory=dict)
    labels: list[int] = field(default_factory=list)
    """For each state, the mask of the characters that lead into it."""

    def new_state(self, origin: StateOrigin, label: int) -> int:
        if len(self.origins) >= MAX_STATES:
            raise AutomatonTooLarge(f"the pattern unrolls into more than {MAX_STATES} states")
        self.origins.append(origin)
        self.labels.append(label)
        return len(self.origins) - 1

    def add_edge(self, source: int, target: int, mask: int, count: int) -> None:
        key = (source, target, mask)
        self.edges[key] = min(2, self.edges.get(key, 0) + count)

    def out_edges(self) -> list[list[tuple[int, int, int]]]:
        """For each state, its (target, mask, count) transitions."""
        table: list[list[tuple[int, int, int]]] = [[] for _ in self.origins]
        for (source, target, mask), count in self.edges.items():
            table[source].append((target, mask, count))
        return table


@dataclass
class _Fragment:
    """What a subtree contributes: how it can be entered, left, and matched empty.

    `first[(state, mask, previous_mask, at_start)]` counts the ways to enter at `state`
    on a character of `mask`, when the character before satisfies the previous-character
    condition. `last[(state, next_mask, at_end)]` counts the ways to leave after `state`.
    `empty[condition]` counts the ways to match nothing.
    """

    first: dict[tuple[int, int, int, bool], int] = field(default_factory=dict)
    last: dict[tuple[int, int, bool], int] = field(default_factory=dict)
    empty: dict[Condition, int] = field(default_factory=dict)


def build_automaton(parsed: ParsedPattern, check_time: Callable[[], None]) -> Automaton:
    """Build the NFA of a parsed pattern; `check_time` raises when the analysis budget is spent."""
    sets = [NEWLINE, word_characters(False), word_characters(True)]
    _collect_sets(parsed.root, sets)
    alphabet = build_alphabet(sets)
    automaton = Automaton(alphabet)
    builder = _Builder(automaton, parsed, check_time)

    start_here = automaton.new_state(StateOrigin(0, 0), 0)
    start_anywhere = automaton.new_state(StateOrigin(0, 0), alphabet.full_mask)
    fragment = builder.compile(parsed.root)

    # An attempt at the beginning of the text has no previous character; one elsewhere has one.
    for (state, mask, previous, at_start), count in fragment.first.items():
        if at_start:
            automaton.add_edge(start_here, state, mask, count)
        if previous:
            automaton.add_edge(start_anywhere, state, mask, count)

    for (state, next_mask, at_end) in fragment.last:
        automaton.finals.setdefault(state, []).append((next_mask, at_end))
    for (previous, at_start, next_mask, at_end) in fragment.empty:
        if at_start:
            automaton.finals.setdefault(start_here, []).append((next_mask, at_end))
        if previous:
            automaton.finals.setdefault(start_anywhere, []).append((next_mask, at_end))
    return automaton


def _collect_sets(node: Node, sets: list[CodeSet]) -> None:
    if isinstance(node, Chars):
        sets.append(node.code_set)
    for child in _children(node):
        _collect_sets(child, sets)


def _children(node: Node) -> list[Node]:
    if isinstance(node, Sequence):
        return node.items
    if isinstance(node, Alternation):
        return node.branches
    if isinstance(node, (Repeat, Atomic, Group)):
        return [node.body]
    return []


class _Builder:
    def __init__(self, automaton: Automaton, parsed: ParsedPattern, check_time: Callable[[], None]) -> None:
        self.automaton = automaton
        self.parsed = parsed
        self.check_time = check_time
        self.full = automaton.alphabet.full_mask
        self.repeat_stack: list[int] = []
        self.referenced: set[int] = set()

    # -- Combinators --------------------------------------------------------------------

    def compile(self, node: Node) -> _Fragment:
        self.check_time()
        if isinstance(node, Chars):
            return self._chars(node)
        if isinstance(node, Sequence):
            fragment = _Fragment(empty={(self.full, True, self.full, True): 1})
            for item in node.items:
                fragment = self._concatenate(fragment, self.compile(item))
            return fragment
        if isinstance(node, Alternation):
            fragment = _Fragment()
            for branch in node.branches:
                _add_into(fragment, self.compile(branch))
            return fragment
        if isinstance(node, Group):
            return self.compile(node.body)
        if isinstance(node, Repeat):
            return self._repeat(node)
        if isinstance(node, Atomic):
            return self._atomic(node.body)
        if isinstance(node, Assertion):
            return _Fragment(empty={condition: 1 for condition in self._assertion(node)})
        if isinstance(node, Backreference):
            return self._backreference(node)
        raise TypeError(f"unknown node {node!r}")

    def _chars(self, node: Chars) -> _Fragment:
        mask = self.automaton.alphabet.mask(node.code_set)
        if not mask:
            return _Fragment()
        state = self.automaton.new_state(StateOrigin(node.start, node.end, tuple(self.repeat_stack)), mask)
        return _Fragment(first={(state, mask, self.full, True): 1}, last={(state, self.full, True): 1})

    def _concatenate(self, left: _Fragment, right: _Fragment) -> _Fragment:
        self._link(left.last, right.first)
        result = _Fragment(first=dict(left.first), last=dict(right.last))

        for condition, ways in left.empty.items():
            previous, at_start, next_mask, at_end = condition
            for (state, mask, right_previous, right_at_start), count in right.first.items():
                key = (state, mask & next_mask, previous & right_previous, at_start and right_at_start)
                if key[1] and (key[2] or key[3]):
                    _count(result.first, key, ways * count)

        for condition, ways in right.empty.items():
            previous, at_start, next_mask, at_end = condition
            for (state, left_next, left_at_end), count in left.last.items():
                if not self.automaton.labels[state] & previous:
                    continue
                key = (state, left_next & next_mask, left_at_end and at_end)
                if key[1] or key[2]:
                    _count(result.last, key, ways * count)

        for left_condition, left_ways in left.empty.items():
            for right_condition, right_ways in right.empty.items():
                combined = _both(left_condition, right_condition)
                if (combined[0] or combined[1]) and (combined[2] or combined[3]):
                    _count(result.empty, combined, left_ways * right_ways)
        return result

    def _link(self, last: dict[tuple[int, int, bool], int], first: dict[tuple[int, int, int, bool], int]) -> None:
        """Add the transitions from every way of leaving one part to every way of entering the next."""
        for (source, next_mask, _at_end), out_count in last.items():
            self.check_time()
            source_mask = self.automaton.labels[source]
            for (target, mask, previous, _at_start), in_count in first.items():
                if source_mask & previous and mask & next_mask:
                    self.automaton.add_edge(source, target, mask & next_mask, out_count * in_count)

    def _repeat(self, node: Repeat) -> _Fragment:
        info = RepeatInfo(node.start, node.end, node.maximum is None or node.maximum > UNROLL_LIMIT, _has_choice(node.body))
        self.automaton.repeats.append(info)
        self.repeat_stack.append(len(self.automaton.repeats) - 1)
        try:
            if node.possessive:
                plain = Repeat(node.body, node.minimum, node.maximum, False, node.start, node.end)
                return self._atomic(plain)
            return self._unrolled(node)
        finally:
            self.repeat_stack.pop()

    def _unrolled(self, node: Repeat) -> _Fragment:
        minimum = min(node.minimum, UNROLL_LIMIT)
        maximum = node.maximum if node.maximum is not None and node.maximum <= UNROLL_LIMIT else None

        fragment = _Fragment(empty={(self.full, True, self.full, True): 1})
        mandatory = minimum if maximum is not None or minimum == 0 else minimum - 1
        for _ in range(mandatory):
            fragment = self._concatenate(fragment, self.compile(node.body))

        if maximum is None:
            # The loop's own copy: one when the body must match at least once more, else a star.
            loop = self.compile(node.body)
            self._link(loop.last, loop.first)
            if minimum == 0:
                loop.empty = {(self.full, True, self.full, True): 1}
            return self._concatenate(fragment, loop)

        # x{2,4} is x x (x (x)?)?: nesting the optional copies gives each count one way to match.
        optional: Optional[_Fragment] = None
        for _ in range(maximum - minimum):
            copy = self.compile(node.body)
            if optional is not None:
                copy = self._concatenate(copy, optional)
            copy.empty = dict(copy.empty)
            _count(copy.empty, (self.full, True, self.full, True), 1)
            optional = copy
        return self._concatenate(fragment, optional) if optional is not None else fragment

    def _atomic(self, body: Node) -> _Fragment:
        """Build a deterministic gadget for an atomic body, which leaves only where it cannot go on.

        NOTE: this is maximal munch, while an atomic group keeps the first match in the
        engine's order. The two differ only where an earlier alternative is a prefix of a later one.
        """
        automaton = self.automaton
        saved_edges = dict(automaton.edges)
        inner = self.compile(body)
        inner_edges = {key: count for key, count in automaton.edges.items() if key not in saved_edges}
        automaton.edges = saved_edges

        gadget = _Determinizer(automaton, inner, inner_edges, self.full, self.check_time).run()
        if gadget is None:
            # Too many states to make deterministic: fall back to the ordinary automaton,
            # which can only report more ambiguity than there is.
            for (source, target, mask), count in inner_edges.items():
                automaton.add_edge(source, target, mask, count)
            return inner
        return gadget

    def _assertion(self, node: Assertion) -> list[Condition]:
        alphabet = self.automaton.alphabet
        full = self.full
        newline = alphabet.mask(NEWLINE)
        word = alphabet.mask(word_characters(node.ascii_only))
        if node.kind == "start":
            return [(0, True, full, True)]
        if node.kind == "line_start":
            return [(newline, True, full, True)]
        if node.kind == "end":
            # `$` matches at the end and before a final newline. Only the end is modelled,
            # and attack texts never end in a newline, so the difference never shows.
            return [(full, True, 0, True)]
        if node.kind == "line_end":
            return [(full, True, newline, True)]
        if node.kind == "end_only":
            return [(full, True, 0, True)]
        if node.kind == "word_boundary":
            return [(word, False, full & ~word, True), (full & ~word, True, word, False)]
        if node.kind == "not_word_boundary":
            return [(word, False, word, False), (full & ~word, True, full & ~word, True)]
        return [(full, True, full, True)]

    def _backreference(self, node: Backreference) -> _Fragment:
        group = self.parsed.groups.get(node.group)
        if group is None or group.index in self.referenced:
            return _Fragment(empty={(self.full, True, self.full, True): 1})
        # A copy of the group's body: the engine matches the same text again, and the copy
        # matches at least that, so the ambiguity found can only be larger than the real one.
        self.referenced.add(group.index)
        try:
            return self.compile(group.body)
        finally:
            self.referenced.discard(group.index)


class _Determinizer:
    """The subset construction that turns an atomic body into a gadget of new states."""

    def __init__(self, automaton: Automaton, inner: _Fragment, edges: dict, full: int, check_time: Callable[[], None]) -> None:
        self.automaton = automaton
        self.inner = inner
        self.full = full
        self.check_time = check_time
        self.out: dict[int, list[tuple[int, int]]] = {}
        for (source, target, mask), _count in edges.items():
            self.out.setdefault(source, []).append((target, mask))
        self.exits: dict[int, list[tuple[int, bool]]] = {}
        for (state, next_mask, at_end) in inner.last:
            self.exits.setdefault(state, []).append((next_mask, at_end))

    def run(self) -> Optional[_Fragment]:
        entry_moves = self._moves({(state, mask) for (state, mask, _p, _s) in self.inner.first})
        ids: dict[frozenset, int] = {}
        pending: list[frozenset] = []
        fragment = _Fragment()
        transitions: list[tuple[frozenset, frozenset, int]] = []

        def gadget_state(subset: frozenset, mask: int) -> Optional[int]:
            if subset not in ids:
                if len(ids) >= _MAX_GADGET_STATES:
                    return None
                origin = self.automaton.origins[min(subset)]
                ids[subset] = self.automaton.new_state(StateOrigin(origin.start, origin.end, origin.repeats), 0)
                pending.append(subset)
            self.automaton.labels[ids[subset]] |= mask
            return ids[subset]

        for target, mask in entry_moves.items():
            if gadget_state(target, mask) is None:
                return None
            fragment.first[(ids[target], mask, self.full, True)] = 1

        while pending:
            self.check_time()
            subset = pending.pop()
            moves = self._moves({(target, mask) for state in subset for (target, mask) in self.out.get(state, ())})
            for target, mask in moves.items():
                if gadget_state(target, mask) is None:
                    return None
                transitions.append((subset, target, mask))
            continuing = 0
            for mask in moves.values():
                continuing |= mask
            for state in subset:
                for next_mask, at_end in self.exits.get(state, ()):
                    leave = next_mask & ~continuing
                    if leave or at_end:
                        fragment.last[(ids[subset], leave, at_end)] = 1

        for source, target, mask in transitions:
            self.automaton.add_edge(ids[source], ids[target], mask, 1)
        if self.inner.empty:
            continuing = 0
            for mask in entry_moves.values():
                continuing |= mask
            fragment.empty[(self.full, True, self.full & ~continuing, True)] = 1
        return fragment

    def _moves(self, pairs: set[tuple[int, int]]) -> dict[frozenset, int]:
        """Group moves by the subset they reach: {target subset: mask of the blocks that reach it}."""
        by_block: dict[int, set[int]] = {}
        for target, mask in pairs:
            remaining = mask
            while remaining:
                low_bit = remaining & -remaining
                by_block.setdefault(low_bit, set()).add(target)
                remaining ^= low_bit
        grouped: dict[frozenset, int] = {}
        for bit, targets in by_block.items():
            key = frozenset(targets)
            grouped[key] = grouped.get(key, 0) | bit
        return grouped


def _has_choice(node: Node) -> bool:
    if isinstance(node, Alternation):
        return True
    if isinstance(node, Repeat) and (node.maximum is None or node.maximum != node.minimum):
        return True
    return any(_has_choice(child) for child in _children(node))


def _add_into(total: _Fragment, part: _Fragment) -> None:
    for key, count in part.first.items():
        _count(total.first, key, count)
    for key, count in part.last.items():
        _count(total.last, key, count)
    for key, count in part.empty.items():
        _count(total.empty, key, count)


def _count(table: dict, key, count: int) -> None:
    table[key] = min(2, table.get(key, 0) + count)


def _both(left: Condition, right: Condition) -> Condition:
    return (left[0] & right[0], left[1] and right[1], left[2] & right[2], left[3] and right[3])
