// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Uniform-price double auction of one microgrid, cleared in rounds.
/// @notice Units: prices in ticks of 1e-4 p/kWh (uint), quantities in integer Wh, the clearing price (MCP)
/// in half-ticks of 5e-5 p/kWh, so the k = 0.5 midpoint of two tick prices is exact.
/// Clearing follows docs/contract.md, which restates the binding rules of the simulator's clearUniform:
/// levels, efficient volume, market-clearing interval, midpoint MCP, pro-rata integer split of the
/// marginal level with the leftover Wh by largest remainder, then lowest member id.
/// @dev One storage slot per agent holds membership, its live order, its last fill and its nonce, so a
/// placement costs one agent-slot write plus one book-slot write. Book slots are reused across rounds
/// (only the count is reset), so only the first order ever at a book position pays for fresh storage.
contract UniformDoubleAuction {
    uint8 public constant BUY = 0;
    uint8 public constant SELL = 1;
    uint256 public constant MAX_QUANTITY = type(uint48).max; // Wh
    uint256 public constant MAX_NONCE = type(uint48).max;

    /// @dev 32 + 8 + 8 + 32 + 32 + 48 + 48 + 48 = 256 bits: one slot.
    struct Agent {
        uint32 id; // dense member id in order of admission; breaks remainder ties
        bool member;
        uint8 side; // BUY or SELL of the latest order
        uint32 round; // round + 1 of the latest order (0: none yet)
        uint32 price; // ticks
        uint48 quantity; // Wh
        uint48 fill; // Wh, written by clear() for the latest order
        uint48 nonce; // last nonce accepted
    }

    /// @dev The latest clearing: 32 + 32 + 64 + 64 + 64 = 256 bits.
    struct Clearing {
        uint32 priceLow; // ticks
        uint32 priceHigh; // ticks
        uint64 volume; // Wh
        uint64 demand; // Wh
        uint64 supply; // Wh
    }

    address public immutable operator;
    uint32 public immutable pgs; // ticks, main-grid export price: orders must be priced above
    uint32 public immutable pgb; // ticks, main-grid import price: orders must be priced below

    uint32 public round; // the open round
    uint32 public memberCount;
    uint32 public bookSize; // orders placed in the open round
    Clearing private last;
    address[] public members; // by member id
    mapping(uint256 => address) private book; // positions [0, bookSize) hold the open round's orders
    mapping(address => Agent) private agents;

    event MemberAdded(address indexed agent, uint256 id);
    event Cleared(
        uint256 indexed round,
        uint256 priceLow,
        uint256 priceHigh,
        uint256 mcpHalfTicks,
        uint256 volume
    );

    error NotOperator(address caller);
    error NotMember(address caller);
    error AlreadyMember(address agent);
    error BadLimits(uint256 pgs, uint256 pgb);
    error PriceOutOfRange(uint256 price, uint256 pgs, uint256 pgb);
    error QuantityTooLarge(uint256 quantity, uint256 max);
    error Replay(address agent, uint256 nonce, uint256 lastNonce);
    error NonceTooLarge(uint256 nonce, uint256 max);
    error OrderExists(address agent, uint8 side);
    error NoOrder(address agent, uint8 side);
    error VolumeOverflow(uint256 volume);

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _;
    }

    /// @param pgsTicks main-grid sell (export) price Pgs in ticks, e.g. 32000 for 3.2 p/kWh
    /// @param pgbTicks main-grid buy (import) price Pgb in ticks, e.g. 189000 for 18.9 p/kWh
    constructor(uint32 pgsTicks, uint32 pgbTicks) {
        // At least one tick must lie strictly between the limits.
        if (uint256(pgsTicks) + 1 >= pgbTicks) revert BadLimits(pgsTicks, pgbTicks);
        operator = msg.sender;
        pgs = pgsTicks;
        pgb = pgbTicks;
    }

    // ------------------------------------------------------------------ membership

    function addMember(address agent) external onlyOperator {
        if (agents[agent].member) revert AlreadyMember(agent);
        uint32 id = memberCount;
        agents[agent] = Agent(id, true, 0, 0, 0, 0, 0, 0);
        members.push(agent);
        memberCount = id + 1;
        emit MemberAdded(agent, id);
    }

    function isMember(address agent) external view returns (bool) {
        return agents[agent].member;
    }

    // ------------------------------------------------------------------ orders

    /// @notice First bid of the agent in the open round. Reverts with OrderExists if it already has one.
    function placeBid(uint256 price, uint256 quantity, uint256 nonce) external {
        _place(BUY, price, quantity, nonce, false);
    }

    /// @notice First ask of the agent in the open round. Reverts with OrderExists if it already has one.
    function placeAsk(uint256 price, uint256 quantity, uint256 nonce) external {
        _place(SELL, price, quantity, nonce, false);
    }

    /// @notice Replaces the agent's live bid of the open round (a bidding-round update).
    function updateBid(uint256 price, uint256 quantity, uint256 nonce) external {
        _place(BUY, price, quantity, nonce, true);
    }

    /// @notice Replaces the agent's live ask of the open round (a bidding-round update).
    function updateAsk(uint256 price, uint256 quantity, uint256 nonce) external {
        _place(SELL, price, quantity, nonce, true);
    }

    function _place(uint8 side, uint256 price, uint256 quantity, uint256 nonce, bool update) private {
        Agent memory a = agents[msg.sender];
        if (!a.member) revert NotMember(msg.sender);
        // The nonce is checked before the order's content so a replayed call always reports Replay.
        if (nonce <= a.nonce) revert Replay(msg.sender, nonce, a.nonce);
        if (nonce > MAX_NONCE) revert NonceTooLarge(nonce, MAX_NONCE);
        if (price <= pgs || price >= pgb) revert PriceOutOfRange(price, pgs, pgb);
        if (quantity > MAX_QUANTITY) revert QuantityTooLarge(quantity, MAX_QUANTITY);
        uint32 tag = round + 1;
        bool live = a.round == tag;
        if (update) {
            if (!live || a.side != side) revert NoOrder(msg.sender, side);
        } else {
            if (live) revert OrderExists(msg.sender, a.side);
            _enqueue(msg.sender);
        }
        agents[msg.sender] = Agent(
            a.id,
            true,
            side,
            tag,
            uint32(price),
            uint48(quantity),
            0,
            uint48(nonce)
        );
    }

    function _enqueue(address agent) private {
        uint32 n = bookSize;
        book[n] = agent;
        bookSize = n + 1;
    }

    // ------------------------------------------------------------------ clearing

    /// @notice Clears the open round at the uniform price and opens the next round.
    /// @return priceLow lower end of the market-clearing interval, ticks
    /// @return priceHigh upper end, ticks
    /// @return mcpHalfTicks the MCP = (priceLow + priceHigh) / 2 in half-ticks, i.e. priceLow + priceHigh
    /// @return volume Wh traded
    function clear()
        external
        onlyOperator
        returns (uint256 priceLow, uint256 priceHigh, uint256 mcpHalfTicks, uint256 volume)
    {
        uint256 n = bookSize;
        address[] memory who = new address[](n);
        uint256[] memory bids = new uint256[](n);
        uint256[] memory asks = new uint256[](n);
        (uint256 nb, uint256 na, uint256 demand, uint256 supply) = _load(who, bids, asks);
        _sort(bids, nb);
        _sort(asks, na);
        Walk memory w;
        (priceLow, priceHigh, w) = _walk(bids, nb, asks, na);
        volume = w.volume;
        if (volume > 0) {
            _fill(who, bids, w.bidMargin, w.bidMarginEnd, volume);
            _fill(who, asks, w.askMargin, w.askMarginEnd, volume);
        }
        if (demand > type(uint64).max || supply > type(uint64).max) revert VolumeOverflow(demand + supply);
        last = Clearing(
            uint32(priceLow),
            uint32(priceHigh),
            uint64(volume),
            uint64(demand),
            uint64(supply)
        );
        mcpHalfTicks = priceLow + priceHigh;
        emit Cleared(round, priceLow, priceHigh, mcpHalfTicks, volume);
        round += 1;
        bookSize = 0;
    }

    /// @dev Sort key of an order: price key (32 bits) | quantity (48) | member id (32) | book index (32).
    /// Bids use the complement of the price so one ascending sort gives bids by price descending.
    uint256 private constant PRICE_SHIFT = 112;
    uint256 private constant QTY_SHIFT = 64;
    uint256 private constant ID_SHIFT = 32;
    uint256 private constant MASK32 = 0xffffffff;
    uint256 private constant MASK48 = 0xffffffffffff;

    /// @dev Zero-quantity orders are left out: they take part in nothing and bound no price.
    function _load(
        address[] memory who,
        uint256[] memory bids,
        uint256[] memory asks
    ) private view returns (uint256 nb, uint256 na, uint256 demand, uint256 supply) {
        uint256 n = who.length;
        for (uint256 i = 0; i < n; ++i) {
            address agent = book[i];
            who[i] = agent;
            Agent memory a = agents[agent];
            if (a.quantity == 0) continue;
            uint256 low = (uint256(a.quantity) << QTY_SHIFT) | (uint256(a.id) << ID_SHIFT) | i;
            if (a.side == BUY) {
                bids[nb++] = ((MASK32 - a.price) << PRICE_SHIFT) | low;
                demand += a.quantity;
            } else {
                asks[na++] = (uint256(a.price) << PRICE_SHIFT) | low;
                supply += a.quantity;
            }
        }
    }

    function _price(uint256[] memory keys, uint256 i, bool bid) private pure returns (uint256) {
        uint256 p = keys[i] >> PRICE_SHIFT;
        return bid ? MASK32 - p : p;
    }

    function _qty(uint256 key) private pure returns (uint256) {
        return (key >> QTY_SHIFT) & MASK48;
    }

    /// @dev End (exclusive) and total quantity of the price level starting at `start`.
    function _level(
        uint256[] memory keys,
        uint256 n,
        uint256 start
    ) private pure returns (uint256 end, uint256 total) {
        uint256 p = keys[start] >> PRICE_SHIFT;
        end = start;
        while (end < n && keys[end] >> PRICE_SHIFT == p) {
            total += _qty(keys[end]);
            ++end;
        }
    }

    /// @dev State of the level walk: one side's cursor and, after the walk, its marginal level.
    struct Cursor {
        uint256 start; // first order of the current level
        uint256 end; // one past its last order
        uint256 left; // Wh of the current level not yet matched
        uint256 total; // Wh of the current level
    }

    struct Walk {
        uint256 volume;
        uint256 bidMargin; // first order of the marginal bid level
        uint256 bidMarginEnd;
        uint256 askMargin;
        uint256 askMarginEnd;
    }

    function _walk(
        uint256[] memory bids,
        uint256 nb,
        uint256[] memory asks,
        uint256 na
    ) private view returns (uint256 low, uint256 high, Walk memory w) {
        Cursor memory b = _open(bids, nb, 0);
        Cursor memory a = _open(asks, na, 0);
        // Marginal levels: the last bid and ask levels that received a positive fill.
        Cursor memory mb;
        Cursor memory ma;
        while (b.start < nb && a.start < na && _price(bids, b.start, true) >= _price(asks, a.start, false)) {
            uint256 m = b.left < a.left ? b.left : a.left;
            w.volume += m;
            b.left -= m;
            a.left -= m;
            mb = b;
            ma = a;
            if (b.left == 0) b = _open(bids, nb, b.end);
            if (a.left == 0) a = _open(asks, na, a.end);
        }
        if (w.volume == 0) {
            low = nb > 0 ? _price(bids, 0, true) : pgs;
            high = na > 0 ? _price(asks, 0, false) : pgb;
            return (low, high, w);
        }
        (w.bidMargin, w.bidMarginEnd, w.askMargin, w.askMarginEnd) = (mb.start, mb.end, ma.start, ma.end);
        uint256 bm = _price(bids, mb.start, true);
        uint256 am = _price(asks, ma.start, false);
        low = am;
        high = bm;
        // Next (unfilled) levels bound the interval; a partially filled margin pins it to its own price.
        if (mb.end < nb) low = _max(low, _price(bids, mb.end, true));
        if (ma.end < na) high = _min(high, _price(asks, ma.end, false));
        if (mb.left > 0) low = _max(low, bm);
        if (ma.left > 0) high = _min(high, am);
    }

    function _open(uint256[] memory keys, uint256 n, uint256 start) private pure returns (Cursor memory c) {
        c.start = start;
        if (start < n) (c.end, c.total) = _level(keys, n, start);
        else c.end = start;
        c.left = c.total;
    }

    /// @dev Writes fills of one side: levels before the marginal one in full, the marginal level pro rata.
    function _fill(
        address[] memory who,
        uint256[] memory keys,
        uint256 margin,
        uint256 marginEnd,
        uint256 volume
    ) private {
        uint256 fullVolume;
        for (uint256 i = 0; i < margin; ++i) {
            uint256 q = _qty(keys[i]);
            fullVolume += q;
            _store(who, keys[i], q);
        }
        _split(who, keys, margin, marginEnd, volume - fullVolume);
    }

    /// @dev Pro-rata integer split of `f` Wh over the level [start, end): floor(f * q / Q) each, then the
    /// leftover Wh one each by largest remainder f * q mod Q, ties to the lower member id.
    function _split(address[] memory who, uint256[] memory keys, uint256 start, uint256 end, uint256 f) private {
        uint256 k = end - start;
        uint256 total;
        for (uint256 i = start; i < end; ++i) total += _qty(keys[i]);
        uint256[] memory fills = new uint256[](k);
        uint256[] memory rank = new uint256[](k);
        uint256 given;
        for (uint256 i = 0; i < k; ++i) {
            uint256 key = keys[start + i];
            uint256 scaled = f * _qty(key);
            fills[i] = scaled / total;
            given += fills[i];
            // Ascending sort of (remainder, complement of id) puts the winners last.
            rank[i] = ((scaled % total) << 64) | ((MASK32 - ((key >> ID_SHIFT) & MASK32)) << 32) | i;
        }
        uint256 leftover = f - given;
        if (leftover > 0) {
            _sort(rank, k);
            for (uint256 r = 0; r < leftover; ++r) fills[rank[k - 1 - r] & MASK32] += 1;
        }
        for (uint256 i = 0; i < k; ++i) if (fills[i] > 0) _store(who, keys[start + i], fills[i]);
    }

    function _store(address[] memory who, uint256 key, uint256 fill) private {
        agents[who[key & MASK32]].fill = uint48(fill);
    }

    /// @dev In-place ascending heapsort of keys[0, n), n <= keys.length: O(n log n) whatever the input
    /// order, no recursion. Written in Yul because the checked Solidity version spends most of clear()'s
    /// gas on array bounds checks (about 8,000 gas per order at 100 orders a side).
    function _sort(uint256[] memory keys, uint256 n) private pure {
        if (n < 2) return;
        assembly ("memory-safe") {
            function siftDown(base, start, len) {
                let root := start
                let value := mload(add(base, shl(5, root)))
                for {} 1 {} {
                    let child := add(shl(1, root), 1)
                    if iszero(lt(child, len)) {
                        break
                    }
                    let childValue := mload(add(base, shl(5, child)))
                    let right := add(child, 1)
                    if lt(right, len) {
                        let rightValue := mload(add(base, shl(5, right)))
                        if gt(rightValue, childValue) {
                            child := right
                            childValue := rightValue
                        }
                    }
                    if iszero(gt(childValue, value)) {
                        break
                    }
                    mstore(add(base, shl(5, root)), childValue)
                    root := child
                }
                mstore(add(base, shl(5, root)), value)
            }
            let base := add(keys, 0x20)
            for {
                let i := shr(1, n)
            } gt(i, 0) {} {
                i := sub(i, 1)
                siftDown(base, i, n)
            }
            for {
                let end := sub(n, 1)
            } gt(end, 0) {
                end := sub(end, 1)
            } {
                let tail := add(base, shl(5, end))
                let top := mload(base)
                mstore(base, mload(tail))
                mstore(tail, top)
                siftDown(base, 0, end)
            }
        }
    }

    function _max(uint256 x, uint256 y) private pure returns (uint256) {
        return x > y ? x : y;
    }

    function _min(uint256 x, uint256 y) private pure returns (uint256) {
        return x < y ? x : y;
    }

    // ------------------------------------------------------------------ views

    /// @notice The latest clearing. The MCP in half-ticks is priceLow + priceHigh.
    function lastClearing()
        external
        view
        returns (
            uint256 clearedRound,
            uint256 priceLow,
            uint256 priceHigh,
            uint256 mcpHalfTicks,
            uint256 volume,
            uint256 demand,
            uint256 supply
        )
    {
        Clearing memory c = last;
        clearedRound = round == 0 ? 0 : round - 1;
        return (clearedRound, c.priceLow, c.priceHigh, uint256(c.priceLow) + c.priceHigh, c.volume, c.demand, c.supply);
    }

    /// @notice The latest order of a member: its round, side, price (ticks), quantity and fill (Wh).
    /// `orderRound` is 0 when the member never placed an order, otherwise the round + 1.
    function orderOf(
        address agent
    ) external view returns (uint256 orderRound, uint8 side, uint256 price, uint256 quantity, uint256 fill) {
        Agent memory a = agents[agent];
        return (a.round, a.side, a.price, a.quantity, a.fill);
    }

    /// @notice Fills (Wh) of members [from, to) in the latest cleared round, by member id, for settlement.
    /// A member without an order in that round reads 0.
    function fillsOf(uint256 from, uint256 to) external view returns (uint256[] memory fills) {
        fills = new uint256[](to - from);
        uint32 tag = round; // orders of the latest cleared round carry its number + 1
        for (uint256 i = from; i < to; ++i) {
            Agent memory a = agents[members[i]];
            if (a.round == tag) fills[i - from] = a.fill;
        }
    }
}
