"""Static ReDoS analysis: can a pattern make a backtracking engine take super-linear time?

A backtracking engine that fails to match explores every path of the pattern's automaton
over the text, once for each start position (search semantics). The cost explodes when
the automaton is ambiguous on some repeatable text, the "pump":

- exponential: one state can loop back to itself on the same pump in two different ways
  (`(a+)+`, `(a|a)*`, `(\\w+\\s?)*`), so n pumps give 2^n paths;
- polynomial of degree k: k loops in a chain, each able to read the same pump and to hand
  it on to the next (`\\d+\\d+$` with the start-position loop is degree 3), so n pumps
  give about n^k steps.

Only paths of an attempt that fails count, because an engine stops at the first match:
`(a+)+` alone matches every run of `a`s at once. The analysis therefore tracks, next to
each automaton state, the set of states the whole attempt is in (a subset construction),
and keeps only the states from which the attempt can still fail without matching first.

The analysis builds an attack string from the ambiguity it finds (prefix, pumps, and a
suffix that makes the attempt fail); `redos_confirm` runs it. Every step checks a deadline.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Iterable, Optional

from .redos_automaton import Automaton, AutomatonTooLarge, build_automaton
from .redos_charsets import CodeSet, class_escape
from .redos_parse import UnsupportedPattern, parse_pattern

MIN_REPORTED_DEGREE = 3
"""Polynomial degrees below this are common (`\\s+$` is quadratic) and not reported."""

_MAX_SUBSETS = 4000
_MAX_PRODUCT_NODES = 60000
_REPORTING_SECONDS = 0.005
_SEARCH = -1  # the product node of the engine's loop over start positions


class BudgetExceeded(Exception):
    """The time budget of one pattern ran out."""


class Deadline:
    """A point in wall-clock time after which the analysis of one pattern stops."""

    def __init__(self, seconds: float) -> None:
        self.end = time.perf_counter() + seconds

    def remaining(self) -> float:
        return self.end - time.perf_counter()

    def check(self) -> None:
        if time.perf_counter() > self.end:
            raise BudgetExceeded()

    def reserving(self, seconds: float) -> "Deadline":
        """A deadline that passes `seconds` earlier, leaving that time for work after it."""
        earlier = Deadline(0)
        earlier.end = self.end - seconds
        return earlier


@dataclass(frozen=True)
class Attack:
    """A text that makes the engine backtrack: prefix, each pump repeated, its connector, then suffix.

    `pumps` contains (pump, connector) pairs: the connector leads from where one pump's loop
    ends to where the next one's begins.
    """

    prefix: str
    pumps: tuple[tuple[str, str], ...]
    suffix: str

    def text(self, repeats: int) -> str:
        middle = "".join(pump * repeats + connector for pump, connector in self.pumps)
        return self.prefix + middle + self.suffix


@dataclass(frozen=True)
class Vulnerability:
    """What the static analysis found in one pattern.

    `degree` is None for exponential time, else the degree of the polynomial (3 or more).
    `start` and `end` index the quantified part responsible in the pattern.
    """

    degree: Optional[int]
    start: int
    end: int
    attack: Attack
    pump_sets: tuple[Optional[CodeSet], ...]
    """For each pump that repeats one kind of character, the characters that could stand in for it; else None."""
    degree_is_lower_bound: bool = False
    """The budget ran out before longer chains were ruled out: the degree may be higher."""
    match_text: str = ""
    """A text the pattern matches, led by a character that no part of it matches, or "" if none was found."""

    @property
    def exponential(self) -> bool:
        return self.degree is None


def find_vulnerability(pattern: str, deadline: Deadline) -> Optional[Vulnerability]:
    """Analyse a pattern that `regex.compile` accepts; None when it is safe or cannot be modelled.

    Raises BudgetExceeded when the deadline passes first.
    """
    try:
        parsed = parse_pattern(pattern)
        automaton = build_automaton(parsed, deadline.check)
    except (UnsupportedPattern, AutomatonTooLarge):
        return None
    return _Analysis(automaton, deadline).run()


class _Analysis:
    def __init__(self, automaton: Automaton, deadline: Deadline) -> None:
        self.automaton = automaton
        self.deadline = deadline
        self.blocks = len(automaton.alphabet.blocks)
        self.samples = automaton.alphabet.samples
        self.out = automaton.out_edges()
        self.subsets = _Subsets(automaton, deadline)
        self.nodes: list[tuple[int, frozenset]] = []
        self.node_ids: dict[tuple[int, frozenset], int] = {}
        self.successors: list[dict[tuple[int, int], int]] = []
        self.search_successors: dict[tuple[int, int], int] = {}
        self._block_index: dict[int, dict[int, list[int]]] = {}
        self._component_blocks: dict[int, set[int]] = {}
        self._predecessors: Optional[dict[int, set[int]]] = None

    # -- The product of the automaton and the attempt's subset --------------------------

    def run(self) -> Optional[Vulnerability]:
        roots = self._build_product()
        components = _strongly_connected(len(self.nodes), self._neighbours, self.deadline)
        looping = [component for component in components if self._loops(component)]

        found = None
        for component in looping:
            witness = self._exponential_witness(component)
            if witness is not None:
                found = self._exponential_result(roots, component, witness)
                break
        if found is None:
            found = self._polynomial_result(roots, looping)
        if found is None:
            return None
        return dataclasses.replace(found, match_text=self._match_text())

    def _match_text(self) -> str:
        """A separator that no transition reads, then the shortest text the pattern matches."""
        read = 0
        for (_source, _target, mask) in self.automaton.edges:
            read |= mask
        unread = self.automaton.alphabet.full_mask & ~read
        if not unread:
            return ""
        separator = self.samples[(unread & -unread).bit_length() - 1]
        # The text only has to hold the literals the pattern needs, so an attempt from the
        # start of the text serves anchored patterns too.
        shortest = self.subsets.shortest_match(frozenset({0}), self.samples)
        return "" if shortest is None else separator + shortest

    def _build_product(self) -> list[int]:
        """Explore the product from the attempts' starts; return the root nodes."""
        roots = []
        start_here = frozenset({0})
        if self.subsets.can_fail(start_here):
            roots.append(self._node(0, start_here))

        searches = bool(self.out[1])
        if searches:
            # The engine's loop over start positions: skip any character, or start an attempt from state 1.
            for block in range(self.blocks):
                self.search_successors[(_SEARCH, block)] = 1
            for target, block, count in self._moves(1, frozenset({1})):
                key = (self._node(target, self.subsets.step(frozenset({1}), block)), block)
                self.search_successors[key] = min(2, self.search_successors.get(key, 0) + count)

        index = 0
        while index < len(self.nodes):
            self.deadline.check()
            state, subset = self.nodes[index]
            edges: dict[tuple[int, int], int] = {}
            for target, block, count in self._moves(state, subset):
                key = (self._node(target, self.subsets.step(subset, block)), block)
                edges[key] = min(2, edges.get(key, 0) + count)
            self.successors[index] = edges
            index += 1
            if len(self.nodes) > _MAX_PRODUCT_NODES:
                raise BudgetExceeded()
        return roots + ([_SEARCH] if searches else [])

    def _moves(self, state: int, subset: frozenset) -> Iterable[tuple[int, int, int]]:
        """The (target, block, count) moves from a state that keep the attempt able to fail."""
        for target, mask, count in self.out[state]:
            self.deadline.check()
            remaining = mask
            while remaining:
                low_bit = remaining & -remaining
                remaining ^= low_bit
                block = low_bit.bit_length() - 1
                if self.subsets.matches_before(subset, block):
                    continue
                if self.subsets.can_fail(self.subsets.step(subset, block)):
                    yield target, block, count

    def _node(self, state: int, subset: frozenset) -> int:
        key = (state, subset)
        node = self.node_ids.get(key)
        if node is None:
            node = len(self.nodes)
            self.node_ids[key] = node
            self.nodes.append(key)
            self.successors.append({})
        return node

    def _neighbours(self, node: int) -> Iterable[int]:
        return {target for (target, _block) in self.successors[node]}

    def _edges(self, node: int) -> dict[tuple[int, int], int]:
        return self.search_successors if node == _SEARCH else self.successors[node]


    def _loops(self, component: list[int]) -> bool:
        if len(component) > 1:
            return True
        node = component[0]
        return any(target == node for (target, _block) in self.successors[node])

    # -- Exponential: two ways around one loop ------------------------------------------

    def _exponential_witness(self, component: list[int]) -> Optional[tuple[int, list[int]]]:
        """A node and a pump (blocks) on which two different paths lead from it back to it.

        Pairs of nodes walk the component together on the same characters. A strongly
        connected group of pairs that contains a diagonal pair (u, u) and a split (two
        different nodes, or two parallel ways along one edge) gives the two paths.
        """
        members = set(component)
        pair_ids: dict[tuple[int, int], int] = {}
        pairs: list[tuple[int, int]] = []
        pair_edges: list[list[tuple[int, int, bool]]] = []

        def pair_id(pair: tuple[int, int]) -> int:
            found = pair_ids.get(pair)
            if found is None:
                found = pair_ids[pair] = len(pairs)
                pairs.append(pair)
                pair_edges.append([])
            return found

        for node in component:
            pair_id((node, node))
        index = 0
        while index < len(pairs):
            self.deadline.check()
            left, right = pairs[index]
            right_moves = self._by_block(right)
            for block, left_targets in self._by_block(left).items():
                right_targets = right_moves.get(block)
                if not right_targets:
                    continue
                self.deadline.check()
                for left_target in left_targets:
                    if left_target not in members:
                        continue
                    left_count = self.successors[left][(left_target, block)]
                    for right_target in right_targets:
                        if right_target not in members:
                            continue
                        # Two parallel ways along the same edge split the paths as well.
                        splits = left_target != right_target or (left == right and left_count > 1)
                        pair_edges[index].append((pair_id((left_target, right_target)), block, splits))
            index += 1
            if len(pairs) > _MAX_PRODUCT_NODES:
                raise BudgetExceeded()

        groups = _strongly_connected(len(pairs), lambda pair: [edge[0] for edge in pair_edges[pair]], self.deadline)
        for group in groups:
            members_of_group = set(group)
            diagonal = [pair for pair in group if pairs[pair][0] == pairs[pair][1]]
            if not diagonal:
                continue

            def inside(pair: int):
                return [edge for edge in pair_edges[pair] if edge[0] in members_of_group]

            def is_split(pair: int, splits: bool) -> bool:
                return splits or pairs[pair][0] != pairs[pair][1]

            # The nearest split from a diagonal pair, then the way back to that pair.
            for start in diagonal:
                out = _breadth_first(start, inside, is_split, self.deadline)
                if out is None:
                    continue
                split_pair, blocks_out = out
                back = [] if split_pair == start else _breadth_first(split_pair, inside, lambda pair, _s: pair == start, self.deadline)[1]
                return pairs[start][0], blocks_out + back
        return None

    def _exponential_result(self, roots: list[int], component: list[int], witness: tuple[int, list[int]]) -> Vulnerability:
        node, pump_blocks = witness
        prefix = self._path_to(roots, node)
        pump = self._text(pump_blocks)
        suffix = self.subsets.failing_suffix(self.nodes[node][1], self.samples)
        start, end = self._blame_exponential(component)
        return Vulnerability(None, start, end, Attack(prefix, ((pump, ""),), suffix), (self._uniform_set(pump_blocks),))

    # -- Polynomial: a chain of loops that hand the same pump on -------------------------

    def _polynomial_result(self, roots: list[int], looping: list[list[int]]) -> Optional[Vulnerability]:
        # Tarjan's algorithm lists components in reverse topological order; the search loop comes first.
        components = list(reversed(looping))
        if _SEARCH in roots:
            components.insert(0, [_SEARCH])
        if len(components) < MIN_REPORTED_DEGREE:
            return None

        index_of = {node: position for position, component in enumerate(components) for node in component}
        reach = self._reachable_components(components, index_of)

        # The longest chain of loops in which each hands a common pump on to the next. For
        # each loop, the earlier loops with the longest chains are tried first, so the first
        # handover found gives its longest chain.
        length = [1] * len(components)
        link: list[Optional[tuple[int, tuple[int, int, list[int]]]]] = [None] * len(components)
        complete = True
        # The search for longer chains stops early enough to leave time for building the attack.
        reporting_deadline, self.deadline = self.deadline, self.deadline.reserving(_REPORTING_SECONDS)
        try:
            for later in range(len(components)):
                candidates = sorted((earlier for earlier in range(later) if later in reach[earlier]),
                                    key=lambda earlier: -length[earlier])
                for earlier in candidates:
                    witness = self._handover(components[earlier], components[later])
                    if witness is not None:
                        length[later] = length[earlier] + 1
                        link[later] = (earlier, witness)
                        break
        except BudgetExceeded:
            # Out of time with a long enough chain in hand: report it as a lower bound.
            if max(length) < MIN_REPORTED_DEGREE:
                raise
            complete = False
        finally:
            self.deadline = reporting_deadline

        last = max(range(len(components)), key=lambda position: length[position])
        degree = length[last]
        if degree < MIN_REPORTED_DEGREE:
            return None

        chain = []
        position: Optional[int] = last
        while position is not None and link[position] is not None:
            earlier, witness = link[position]
            chain.append(witness)
            position = earlier
        chain.reverse()
        found = self._polynomial_vulnerability(roots, chain, degree)
        return found if complete else dataclasses.replace(found, degree_is_lower_bound=True)

    def _reachable_components(self, components: list[list[int]], index_of: dict[int, int]) -> list[set[int]]:
        reach = []
        for component in components:
            self.deadline.check()
            seen = set(component)
            stack = list(component)
            found: set[int] = set()
            while stack:
                node = stack.pop()
                for (target, _block) in self._edges(node):
                    if target in index_of:
                        found.add(index_of[target])
                    if target not in seen:
                        seen.add(target)
                        stack.append(target)
            reach.append(found)
        return reach

    def _handover(self, earlier: list[int], later: list[int]) -> Optional[tuple[int, int, list[int]]]:
        """Nodes u, v and a pump w with u -w-> u, u -w-> v and v -w-> v, or None.

        Three walkers read w together: the first stays in the earlier component, the third
        in the later one, and the middle one goes from u to v through the nodes between.
        """
        earlier_set, later_set = set(earlier), set(later)
        # Every character of the pump is read on a loop of both components.
        shared_blocks = self._loop_blocks(earlier) & self._loop_blocks(later)
        if not shared_blocks:
            return None
        between = self._between(earlier_set, later_set)

        def triple_successors(triple: tuple[int, int, int]) -> list[tuple[tuple[int, int, int], int, bool]]:
            first, middle, third = triple
            found = []
            middle_moves = self._by_block(middle)
            third_moves = self._by_block(third)
            for block, first_targets in self._by_block(first).items():
                if block not in shared_blocks:
                    continue
                middle_targets = middle_moves.get(block)
                third_targets = third_moves.get(block)
                if not middle_targets or not third_targets:
                    continue
                for first_target in first_targets:
                    if first_target not in earlier_set:
                        continue
                    for third_target in third_targets:
                        if third_target not in later_set:
                            continue
                        for middle_target in middle_targets:
                            if middle_target in between:
                                found.append(((first_target, middle_target, third_target), block, False))
            return found

        for u in earlier:
            for v in later:
                self.deadline.check()
                start = (u, u, v)
                path = _breadth_first(start, triple_successors, lambda triple, _s: triple == (u, v, v), self.deadline)
                if path is not None:
                    return u, v, path[1]
        return None

    def _loop_blocks(self, component: list[int]) -> set[int]:
        """The blocks read by edges inside a component."""
        key = component[0]
        found = self._component_blocks.get(key)
        if found is None:
            members = set(component)
            found = {block for node in component for (target, block) in self._edges(node) if target in members}
            self._component_blocks[key] = found
        return found

    def _by_block(self, node: int) -> dict[int, list[int]]:
        """The node's successors grouped by the block they read."""
        found = self._block_index.get(node)
        if found is None:
            found = {}
            for (target, block) in self._edges(node):
                found.setdefault(block, []).append(target)
            self._block_index[node] = found
        return found

    def _between(self, earlier: set[int], later: set[int]) -> set[int]:
        """The nodes on some path from the earlier component to the later one, both included."""
        forward = self._closure(earlier, lambda node: [target for (target, _block) in self._edges(node)])

        if self._predecessors is None:
            self._predecessors = {}
            for node in [_SEARCH, *range(len(self.nodes))]:
                for (target, _block) in self._edges(node):
                    self._predecessors.setdefault(target, set()).add(node)
        backward = self._closure(later, lambda node: self._predecessors.get(node, ()))
        return forward & backward

    def _closure(self, nodes: set[int], following) -> set[int]:
        seen = set(nodes)
        stack = list(nodes)
        while stack:
            node = stack.pop()
            for next_node in following(node):
                if next_node not in seen:
                    seen.add(next_node)
                    stack.append(next_node)
        return seen

    def _polynomial_vulnerability(self, roots: list[int], chain: list[tuple[int, int, list[int]]], degree: int) -> Vulnerability:
        first_u = chain[0][0]
        prefix = "" if first_u == _SEARCH else self._path_to(roots, first_u)
        pumps = []
        pump_sets = []
        for index, (u, v, blocks) in enumerate(chain):
            next_u = chain[index + 1][0] if index + 1 < len(chain) else v
            connector = self._text(self._path_between(v, next_u) or [])
            pumps.append((self._text(blocks), connector))
            pump_sets.append(self._uniform_set(blocks))
        suffix = self.subsets.failing_suffix(self.nodes[chain[-1][1]][1], self.samples)

        blamed = [node for (u, v, _blocks) in chain for node in (u, v) if node != _SEARCH]
        start, end = self._blame_chain(blamed)
        return Vulnerability(degree, start, end, Attack(prefix, tuple(pumps), suffix), tuple(pump_sets))

    # -- Paths, texts and blame ---------------------------------------------------------

    def _path_to(self, roots: list[int], node: int) -> str:
        for root in roots:
            path = self._path_between(root, node)
            if path is not None:
                return self._text(path)
        return ""

    def _path_between(self, source: int, target: int) -> Optional[list[int]]:
        if source == target:
            return []

        def successors(node: int):
            return [(next_node, block, False) for (next_node, block) in self._edges(node)]

        found = _breadth_first(source, successors, lambda node, _s: node == target, self.deadline)
        return None if found is None else found[1]

    def _uniform_set(self, blocks: list[int]) -> Optional[CodeSet]:
        """The characters of the pump's block when every character of the pump is from the same one."""
        if len(set(blocks)) != 1:
            return None
        return self.automaton.alphabet.blocks[blocks[0]]

    def _text(self, blocks: list[int]) -> str:
        return "".join(self.samples[block] for block in blocks)

    def _blame_exponential(self, component: list[int]) -> tuple[int, int]:
        """The span of the repetition that makes the loop ambiguous."""
        origins = [self.automaton.origins[self.nodes[node][0]] for node in component]
        common = set(origins[0].repeats)
        for origin in origins[1:]:
            common &= set(origin.repeats)
        ordered = [index for index in origins[0].repeats if index in common]
        repeats = self.automaton.repeats
        unbounded = [index for index in ordered if repeats[index].unbounded]
        for index in reversed(unbounded):
            if repeats[index].body_has_choice:
                return repeats[index].start, repeats[index].end
        if unbounded:
            return repeats[unbounded[-1]].start, repeats[unbounded[-1]].end
        return min(origin.start for origin in origins), max(origin.end for origin in origins)

    def _blame_chain(self, nodes: list[int]) -> tuple[int, int]:
        """The span from the first to the last repetition of a polynomial chain."""
        spans = []
        repeats = self.automaton.repeats
        for node in nodes:
            origin = self.automaton.origins[self.nodes[node][0]]
            unbounded = [index for index in origin.repeats if repeats[index].unbounded]
            if unbounded:
                spans.append((repeats[unbounded[-1]].start, repeats[unbounded[-1]].end))
            else:
                spans.append((origin.start, origin.end))
        return min(start for start, _end in spans), max(end for _start, end in spans)


class _Subsets:
    """The attempt's states as a set (the subset construction), built on demand."""

    def __init__(self, automaton: Automaton, deadline: Deadline) -> None:
        self.automaton = automaton
        self.deadline = deadline
        self.out = automaton.out_edges()
        self.full = automaton.alphabet.full_mask
        self.transitions: dict[tuple[frozenset, int], frozenset] = {}
        self._fail: dict[frozenset, bool] = {}
        self._match_masks: dict[frozenset, tuple[int, bool]] = {}

    def step(self, subset: frozenset, block: int) -> frozenset:
        key = (subset, block)
        found = self.transitions.get(key)
        if found is None:
            bit = 1 << block
            found = frozenset(target for state in subset for (target, mask, _count) in self.out[state] if mask & bit)
            self.transitions[key] = found
            if len(self.transitions) > _MAX_SUBSETS * 8:
                raise BudgetExceeded()
        return found

    def match_mask(self, subset: frozenset) -> tuple[int, bool]:
        """The blocks before which the attempt has matched, and whether it has matched at the end."""
        found = self._match_masks.get(subset)
        if found is None:
            mask, at_end = 0, False
            for state in subset:
                for next_mask, final_at_end in self.automaton.finals.get(state, ()):
                    mask |= next_mask
                    at_end = at_end or final_at_end
            found = (mask, at_end)
            self._match_masks[subset] = found
        return found

    def matches_before(self, subset: frozenset, block: int) -> bool:
        return bool(self.match_mask(subset)[0] >> block & 1)

    def can_fail(self, subset: frozenset) -> bool:
        """True when some continuation makes this attempt fail without matching on the way."""
        known = self._fail.get(subset)
        if known is not None:
            return known
        # A breadth-first search for a subset that fails at the end of the text.
        seen = {subset}
        queue = [subset]
        result = False
        while queue and not result:
            self.deadline.check()
            current = queue.pop(0)
            if self._fail.get(current) or not self.match_mask(current)[1]:
                result = True
                break
            if self._fail.get(current) is False:
                continue
            mask = self.match_mask(current)[0]
            for block in range(len(self.automaton.alphabet.blocks)):
                if mask >> block & 1:
                    continue
                following = self.step(current, block)
                if following not in seen:
                    seen.add(following)
                    queue.append(following)
            if len(seen) > _MAX_SUBSETS:
                raise BudgetExceeded()
        if not result:
            for member in seen:
                self._fail[member] = False
        self._fail[subset] = result
        return result

    def shortest_match(self, subset: frozenset, samples: tuple[str, ...]) -> Optional[str]:
        """The shortest text on which an attempt in `subset` matches, or None."""
        parents: dict[frozenset, tuple[Optional[frozenset], str]] = {subset: (None, "")}
        queue = [subset]
        head = 0
        while head < len(queue):
            self.deadline.check()
            current = queue[head]
            head += 1
            mask, at_end = self.match_mask(current)
            ending = None
            if at_end:
                ending = ""
            elif mask:
                ending = samples[(mask & -mask).bit_length() - 1]
            if ending is not None:
                letters = [ending]
                while parents[current][0] is not None:
                    previous, letter = parents[current]
                    letters.append(letter)
                    current = previous
                return "".join(reversed(letters))
            for block in range(len(samples)):
                following = self.step(current, block)
                if following and following not in parents:
                    parents[following] = (current, samples[block])
                    queue.append(following)
        return None

    def failing_suffix(self, subset: frozenset, samples: tuple[str, ...]) -> str:
        """The shortest text after which an attempt in `subset` fails without matching.

        The text never ends in a newline, because `$` also matches before a final newline,
        while the automaton reads `$` as the end of the text only.
        """
        newline_block = self.automaton.alphabet.block_of("\n")
        start = (subset, False)
        parents: dict[tuple[frozenset, bool], tuple[Optional[tuple[frozenset, bool]], str]] = {start: (None, "")}
        queue = [start]
        head = 0
        while head < len(queue):
            self.deadline.check()
            current = queue[head]
            head += 1
            current_subset, ends_in_newline = current
            mask, at_end = self.match_mask(current_subset)
            if not at_end and not ends_in_newline:
                letters = []
                while parents[current][0] is not None:
                    previous, letter = parents[current]
                    letters.append(letter)
                    current = previous
                return "".join(reversed(letters))
            for block in range(len(samples)):
                if mask >> block & 1:
                    continue
                following = (self.step(current_subset, block), block == newline_block)
                if following not in parents:
                    parents[following] = (current, samples[block])
                    queue.append(following)
        return ""


def _breadth_first(start, successors, is_goal, deadline: Deadline, allow_start: bool = False):
    """The first node reached from `start` (in at least one step) that satisfies `is_goal`, and the blocks on the way."""
    parents = {start: None}
    queue = [start]
    head = 0
    while head < len(queue):
        deadline.check()
        node = queue[head]
        head += 1
        for next_node, block, splits in successors(node):
            if is_goal(next_node, splits):
                blocks = [block]
                current = node
                while parents[current] is not None:
                    current, previous_block = parents[current]
                    blocks.append(previous_block)
                return next_node, list(reversed(blocks))
            if next_node not in parents:
                parents[next_node] = (node, block)
                queue.append(next_node)
    return None


def _strongly_connected(count: int, neighbours, deadline: Deadline) -> list[list[int]]:
    """Tarjan's algorithm without recursion; components come in reverse topological order."""
    index_of = [-1] * count
    low = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    components = []
    counter = 0
    for root in range(count):
        if index_of[root] != -1:
            continue
        work = [(root, iter(neighbours(root)))]
        index_of[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            deadline.check()
            node, children = work[-1]
            advanced = False
            for child in children:
                if index_of[child] == -1:
                    index_of[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack[child] = True
                    work.append((child, iter(neighbours(child))))
                    advanced = True
                    break
                if on_stack[child]:
                    low[node] = min(low[node], index_of[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index_of[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def describe_characters(code_set: CodeSet, sample: str) -> str:
    """Name a set of pump characters the way a log reader would: digits, letters, spaces, or the sample itself."""
    if len(code_set.intervals) == 1 and code_set.intervals[0][0] == code_set.intervals[0][1]:
        return f"{quote(sample)} characters"
    for letter, name in (("d", "digits"), ("s", "whitespace characters"), ("w", "word characters")):
        if code_set.is_subset(class_escape(letter, False)):
            return name
    return f"characters such as {quote(sample)}"


def quote(text: str) -> str:
    """Quote attack text for a message, escaping what would not print."""
    escaped = text.encode("unicode_escape").decode("ascii").replace("'", "\\'")
    return f"'{escaped}'"
