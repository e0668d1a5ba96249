package org.quorumee.core.consensus.ibft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.stream.Collectors;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.extra.IstanbulExtraData;
import org.quorumee.core.consensus.ibft.message.IbftCodec;
import org.quorumee.core.consensus.ibft.message.IbftMessage;
import org.quorumee.core.consensus.ibft.message.QbftCodec;
import org.quorumee.core.consensus.ibft.message.QbftCommit;
import org.quorumee.core.consensus.ibft.message.QbftPrepare;
import org.quorumee.core.consensus.ibft.message.QbftProposal;
import org.quorumee.core.consensus.ibft.message.WireMessage;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.rlp.RlpWriter;
import org.quorumee.core.types.Address;

/**
 * N validators in one JVM on a virtual clock: a seeded network that delays, reorders, duplicates and
 * (during a turbulent start) drops messages; timers as events; finalised blocks announced to the
 * others, who import them after the same checks as any importer ({@link BftBlockRules#checkFinal}).
 * Faulty validators: SILENT (never runs), BAD_SEALS (commits with seals over the wrong hash, half of
 * its other messages signed by a key that is not a validator, its announced blocks with a broken
 * seal), EQUIVOCATOR (two different proposals per round to two halves of the network, and PREPARE
 * and COMMIT for both). Invariants checked as the run goes: no two different blocks final at one
 * height on honest nodes; each block an honest node imports has a quorum of valid committed seals
 * from its parent's validators; all honest nodes reach the target height before the time limit.
 * Every failure names the seed that replays it.
 */
final class BftSimulation {

    enum Fault { HONEST, SILENT, BAD_SEALS, EQUIVOCATOR }

    /**
     * @param faults one per genesis validator
     * @param extraNodes nodes that start as non-validators (they follow the chain)
     * @param votes what every honest validator proposes ({@code istanbul_propose}) from the start:
     *     node index to add (true) or drop (false)
     */
    record Config(long seed, ForkSchedule schedule, BftProtocol genesisProtocol, List<Fault> faults, int targetHeight,
            long turbulenceMillis, double dropRate, double duplicateRate, long minDelayMillis, long maxDelayMillis,
            long timeLimitMillis, int transactionsPerBlock, int extraNodes, Map<Integer, Boolean> votes) {

        Config(long seed, ForkSchedule schedule, BftProtocol genesisProtocol, List<Fault> faults, int targetHeight,
                long turbulenceMillis, double dropRate, double duplicateRate, long minDelayMillis, long maxDelayMillis,
                long timeLimitMillis, int transactionsPerBlock) {
            this(seed, schedule, genesisProtocol, faults, targetHeight, turbulenceMillis, dropRate, duplicateRate, minDelayMillis,
                    maxDelayMillis, timeLimitMillis, transactionsPerBlock, 0, Map.of());
        }
    }

    /**
     * @param ibftLockSplit the run stopped, without any safety violation, in legacy IBFT's known
     *     dead end: honest validators locked on different blocks at the same height, which only
     *     Byzantine help can undo (IBFT 1.0 has no round-change certificates; QBFT added them)
     * @param chain the headers of the first honest node, genesis first
     */
    record Result(long seed, int heights, int maxRound, long virtualMillis, long messages, long rejectedAnnouncements,
            boolean ibftLockSplit, List<Address> nodeAddresses, List<Address> finalValidators, java.util.Set<Address> recentCommitters,
            List<BlockHeader> chain) {
    }

    private record Event(long time, long seq, Runnable action) {
    }

    private final class Node {
        final int index;
        final KeyPair key;
        final Fault fault;
        final NodeSigner signer;
        final SimChain chain;
        final BftController controller;
        final Map<Long, Block> pending = new HashMap<>();
        final ValidatorCandidates candidates = new ValidatorCandidates();
        final Map<String, Block> equivocations = new HashMap<>();
        long blockTimer;
        long roundTimer;

        Node(int index, KeyPair key, Fault fault) {
            this.index = index;
            this.key = key;
            this.fault = fault;
            this.signer = crypto.signer(key);
            this.chain = new SimChain(config.genesisProtocol(), validatorAddresses, config.schedule(), crypto.recovery());
            this.controller = new BftController(new BftSettings(config.schedule(), signer, crypto.recovery(), chain,
                    SimChain.creator(key.address(), clock, config.transactionsPerBlock()), SimChain.VALIDATOR,
                    candidates, clock, BftLimits.defaults()));
        }

        boolean honest() {
            return fault == Fault.HONEST;
        }
    }

    private final Config config;
    private final MemoCrypto crypto = MemoCrypto.SHARED;
    private final Random random;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long seq;
    private long now = SimChain.GENESIS_TIME * 1000 + 500;
    private final long start = now;
    private final BftClock clock = () -> now;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Address> validatorAddresses = new ArrayList<>();
    private final Map<Long, String> finalised = new HashMap<>();
    private final KeyPair rogue = KeyPair.fromPrivateKey(Keccak.keccak256("rogue".getBytes()));
    private final BftBlockRules rules;
    private static final boolean TRACE = Boolean.getBoolean("ibft.trace");
    private int maxRound;
    private long messages;
    private long rejectedAnnouncements;

    private BftSimulation(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
        this.rules = new BftBlockRules(config.schedule(), crypto.recovery());
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < config.faults().size() + config.extraNodes(); i++) {
            keys.add(KeyPair.fromPrivateKey(Keccak.keccak256(("validator-" + i).getBytes())));
        }
        keys.subList(0, config.faults().size()).forEach(k -> validatorAddresses.add(k.address()));
        for (int i = 0; i < keys.size(); i++) {
            nodes.add(new Node(i, keys.get(i), i < config.faults().size() ? config.faults().get(i) : Fault.HONEST));
        }
        for (Node node : nodes) {
            if (node.honest()) {
                config.votes().forEach((index, add) -> node.candidates.propose(keys.get(index).address(), add));
            }
        }
    }

    /** Runs one simulation; an {@link AssertionError} naming the seed when an invariant breaks. */
    static Result run(Config config) {
        return new BftSimulation(config).execute();
    }

    private AssertionError failure(String what) {
        String heights = nodes.stream().map(n -> n.index + ":" + n.fault + "@" + (n.chain.size() - 1) + "/r" + n.controller.status().round())
                .collect(Collectors.joining(", "));
        return new AssertionError("seed " + config.seed() + ": " + what + " at +" + (now - start) + " ms [" + heights + "]");
    }

    private Result execute() {
        for (Node node : nodes) {
            if (node.fault != Fault.SILENT) {
                perform(node, node.controller.start());
            }
        }
        long deadline = start + config.timeLimitMillis();
        while (!done()) {
            Event e = events.poll();
            if (e == null) {
                throw failure("nothing left to happen before the target height");
            }
            if (e.time > deadline) {
                if (ibftLockSplit()) {
                    return result(true);
                }
                throw failure("no progress to height " + config.targetHeight() + " within " + config.timeLimitMillis() + " ms");
            }
            now = Math.max(now, e.time);
            e.action.run();
        }
        return result(false);
    }

    private Result result(boolean lockSplit) {
        int heights = nodes.stream().filter(Node::honest).mapToInt(n -> n.chain.size() - 1).min().orElse(0);
        Node observer = nodes.stream().filter(Node::honest).findFirst().orElseThrow();
        List<Address> validators = observer.chain.snapshotAfter(observer.chain.head()).validators();
        java.util.Set<Address> committers = new java.util.HashSet<>();
        for (long b = Math.max(1, observer.chain.size() - 4); b < observer.chain.size(); b++) {
            BlockHeader h = observer.chain.block(b).header();
            committers.addAll(IstanbulHeaders.committers(h, config.schedule().at(b).protocol(), crypto.recovery()));
        }
        List<BlockHeader> chain = new ArrayList<>();
        for (long b = 0; b < observer.chain.size(); b++) {
            chain.add(observer.chain.block(b).header());
        }
        return new Result(config.seed(), heights, maxRound, now - start, messages, rejectedAnnouncements, lockSplit,
                nodes.stream().map(n -> n.key.address()).toList(), validators, committers, chain);
    }

    /** Honest validators at the same height locked on different blocks, with a Byzantine validator present. */
    private boolean ibftLockSplit() {
        if (nodes.stream().noneMatch(n -> n.fault == Fault.BAD_SEALS || n.fault == Fault.EQUIVOCATOR)) {
            return false;
        }
        Map<Long, java.util.Set<String>> locks = new HashMap<>();
        for (Node n : nodes) {
            byte[] lock = n.honest() ? n.controller.lockedDigest() : null;
            if (lock != null) {
                locks.computeIfAbsent((long) n.chain.size(), h -> new java.util.HashSet<>()).add(Hex.encode(lock));
            }
        }
        return locks.values().stream().anyMatch(set -> set.size() > 1);
    }

    private boolean done() {
        return nodes.stream().filter(Node::honest).allMatch(n -> n.chain.size() - 1 >= config.targetHeight());
    }

    private void schedule(long at, Runnable action) {
        events.add(new Event(Math.max(at, now), seq++, action));
    }

    private void trace(String text) {
        if (TRACE) {
            System.out.println("+" + (now - start) + " " + text);
        }
    }

    private String describe(byte[] message) {
        try {
            WireMessage wire = WireMessage.decode(message);
            Object m = wire.code() == WireMessage.IBFT_CODE
                    ? new IbftCodec(crypto.recovery()).decode(wire) : new QbftCodec(crypto.recovery()).decode(wire);
            if (m instanceof IbftMessage im) {
                return "IBFT code " + im.code() + " h" + im.height() + " r" + im.round() + " from " + indexOf(im.author())
                        + " digest " + Hex.encode(im.subjectDigest()).substring(0, 10);
            }
            if (m instanceof QbftProposal p) {
                return "PROPOSAL h" + p.height() + " r" + p.round() + " from " + indexOf(p.author()) + " block "
                        + Hex.encode(p.block().hash()).substring(0, 10) + " rcs " + p.roundChanges().size() + " prepares " + p.prepares().size();
            }
            if (m instanceof QbftPrepare p) {
                return "PREPARE h" + p.height() + " r" + p.round() + " from " + indexOf(p.author()) + " " + Hex.encode(p.digest()).substring(0, 10);
            }
            if (m instanceof QbftCommit c) {
                return "COMMIT h" + c.height() + " r" + c.round() + " from " + indexOf(c.author()) + " " + Hex.encode(c.digest()).substring(0, 10);
            }
            var rc = (org.quorumee.core.consensus.ibft.message.QbftRoundChange) m;
            return "ROUND-CHANGE h" + rc.payload().height() + " r" + rc.payload().round() + " from " + indexOf(rc.payload().author())
                    + " prepared " + rc.payload().preparedRound();
        } catch (RuntimeException e) {
            return "undecodable (" + e.getMessage() + ")";
        }
    }

    private int indexOf(Address a) {
        return validatorAddresses.indexOf(a);
    }

    private void perform(Node node, List<BftAction> actions) {
        for (BftAction action : actions) {
            if (TRACE) {
                trace("node " + node.index + " -> " + (action instanceof BftAction.Multicast m ? describe(m.message()) : action));
            }
            if (action instanceof BftAction.Multicast m) {
                multicast(node, m.message());
            } else if (action instanceof BftAction.ArmBlockTimer t) {
                long id = ++node.blockTimer;
                schedule(t.atMillis(), () -> {
                    if (id != node.blockTimer) {
                        return; // replaced by a later one
                    }
                    trace("node " + node.index + " block timer h" + t.height());
                    perform(node, node.controller.onBlockTimer(t.height()));
                });
            } else if (action instanceof BftAction.ArmRoundTimer t) {
                maxRound = Math.max(maxRound, t.round());
                long id = ++node.roundTimer;
                schedule(now + t.durationMillis(), () -> {
                    if (id != node.roundTimer) {
                        return; // replaced by a later one
                    }
                    trace("node " + node.index + " round timer h" + t.height() + " r" + t.round());
                    perform(node, node.controller.onRoundTimer(t.height(), t.round()));
                });
            } else if (action instanceof BftAction.ImportBlock b) {
                importBlock(node, b.block(), true);
            }
        }
    }

    // ---- network ----

    private void send(Node to, byte[] message) {
        if (to.fault == Fault.SILENT) {
            return;
        }
        boolean turbulent = now - start < config.turbulenceMillis();
        if (turbulent && random.nextDouble() < config.dropRate()) {
            return;
        }
        int copies = random.nextDouble() < config.duplicateRate() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = config.minDelayMillis() + (long) (random.nextDouble() * (config.maxDelayMillis() - config.minDelayMillis()));
            messages++;
            schedule(now + delay * (turbulent ? 3 : 1), () -> {
                if (TRACE) {
                    trace("node " + to.index + " <- " + describe(message));
                }
                perform(to, to.controller.onMessage(message));
            });
        }
    }

    private void multicast(Node from, byte[] message) {
        switch (from.fault) {
            case BAD_SEALS -> {
                byte[] altered = corrupt(from, message);
                nodes.stream().filter(n -> n != from).forEach(n -> send(n, altered));
            }
            case EQUIVOCATOR -> {
                byte[] other = equivocate(from, message);
                for (Node n : nodes) {
                    if (n != from) {
                        send(n, n.index % 2 == 0 ? message : other);
                    }
                }
            }
            default -> nodes.stream().filter(n -> n != from).forEach(n -> send(n, message));
        }
    }

    // ---- blocks ----

    private void importBlock(Node node, Block block, boolean own) {
        long number = block.header().number();
        BlockHeader head = node.chain.head();
        if (number <= head.number()) {
            if (node.honest() && !Arrays.equals(node.chain.block(number).hash(), block.hash())) {
                if (own) {
                    throw failure("node " + node.index + " finalised a second block at height " + number);
                }
                if (rules.checkFinal(block.header(), node.chain.block(number - 1).header(),
                        node.chain.snapshotAfter(node.chain.block(number - 1).header())).isEmpty()) {
                    throw failure("two different final blocks at height " + number);
                }
            }
            return;
        }
        if (number > head.number() + 1) {
            node.pending.put(number, block);
            return;
        }
        var problem = rules.checkFinal(block.header(), head, node.chain.snapshotAfter(head));
        if (problem.isPresent()) {
            if (own) {
                throw failure("node " + node.index + " finalised an invalid block " + number + ": " + problem.get());
            }
            rejectedAnnouncements++;
            return;
        }
        checkSeals(node, block, head);
        node.chain.append(block);
        if (node.honest()) {
            String hash = Hex.encode(block.hash());
            String first = finalised.putIfAbsent(number, hash);
            if (first != null && !first.equals(hash)) {
                throw failure("two different final blocks at height " + number + ": " + first + " and " + hash);
            }
        }
        if (own) {
            Block announced = node.fault == Fault.BAD_SEALS ? breakSeal(block) : block;
            nodes.stream().filter(n -> n != node && n.fault != Fault.SILENT).forEach(n -> {
                long delay = config.minDelayMillis() + (long) (random.nextDouble() * (config.maxDelayMillis() - config.minDelayMillis()));
                schedule(now + delay, () -> importBlock(n, announced, false));
            });
        }
        perform(node, node.controller.onNewHead());
        Block next = node.pending.remove(node.chain.head().number() + 1);
        if (next != null) {
            importBlock(node, next, false);
        }
    }

    /** The invariant restated: distinct committers, all validators of the parent, at least a quorum. */
    private void checkSeals(Node node, Block block, BlockHeader parent) {
        BftParameters params = config.schedule().at(block.header().number());
        List<Address> validators = node.chain.snapshotAfter(parent).validators();
        List<Address> committers = IstanbulHeaders.committers(block.header(), params.protocol(), crypto.recovery());
        long distinct = committers.stream().distinct().filter(validators::contains).count();
        if (distinct != committers.size() || distinct < Quorum.size(validators.size(), params.quorumMode())) {
            throw failure("block " + block.header().number() + " has " + distinct + " valid committed seals");
        }
    }

    // ---- faults ----

    private Block breakSeal(Block block) {
        BftProtocol protocol = config.schedule().at(block.header().number()).protocol();
        List<byte[]> seals = new ArrayList<>(protocol == BftProtocol.IBFT
                ? IstanbulExtraData.decode(block.header().extraData()).committedSeals()
                : org.quorumee.core.consensus.ibft.extra.QbftExtraData.decode(block.header().extraData()).committedSeals());
        seals.set(0, rogue.sign(Keccak.keccak256(new byte[] {1})).toBytes());
        long round = protocol == BftProtocol.QBFT
                ? org.quorumee.core.consensus.ibft.extra.QbftExtraData.decode(block.header().extraData()).round() : 0;
        BlockHeader header = IstanbulHeaders.withCommittedSeals(block.header(), protocol, seals, round);
        return new Block(header, block.transactions(), block.ommers(), block.withdrawals());
    }

    private byte[] corrupt(Node from, byte[] message) {
        WireMessage wire = WireMessage.decode(message);
        NodeSigner rogueSigner = crypto.signer(rogue);
        Object decoded = wire.code() == WireMessage.IBFT_CODE
                ? new IbftCodec(crypto.recovery()).decode(wire) : new QbftCodec(crypto.recovery()).decode(wire);
        byte[] wrongSeal = from.signer.sign(Keccak.keccak256(message)).toBytes();
        if (decoded instanceof QbftCommit c) {
            return QbftCodec.wire(QbftCodec.commit(c.height(), c.round(), c.digest(), wrongSeal, from.signer)).encode();
        }
        if (decoded instanceof IbftMessage m && m.code() == IbftMessage.COMMIT) {
            return ibftEnvelope(m, wrongSeal, from.signer);
        }
        if (random.nextBoolean()) {
            return message;
        }
        if (decoded instanceof QbftPrepare p) {
            return QbftCodec.wire(QbftCodec.prepare(p.height(), p.round(), p.digest(), rogueSigner)).encode();
        }
        if (decoded instanceof IbftMessage m) {
            // The envelope names the validator but the signature is another key's.
            byte[] forged = ibftEnvelope(m, m.committedSeal(), rogueSigner);
            return forged;
        }
        byte[] flipped = message.clone();
        flipped[flipped.length - 2] ^= 0x5a;
        return flipped;
    }

    /** An IBFT envelope for {@code m} with {@code seal}, its claimed author {@code m.author()}, signed by {@code signer}. */
    private static byte[] ibftEnvelope(IbftMessage m, byte[] seal, NodeSigner signer) {
        RlpWriter inner = new RlpWriter().startList().startList().writeLong(m.round()).writeLong(m.height()).endList();
        if (m.block() != null) {
            inner.writeEncoded(m.block().encode());
        } else {
            inner.writeBytes(m.digest());
        }
        byte[] msg = inner.endList().toByteArray();
        byte[] unsigned = new RlpWriter().startList().writeLong(m.code()).writeBytes(msg).writeBytes(m.author().toArray())
                .writeBytes(new byte[0]).writeBytes(seal).endList().toByteArray();
        byte[] sig = signer.sign(Keccak.keccak256(unsigned)).toBytes();
        byte[] env = new RlpWriter().startList().writeLong(m.code()).writeBytes(msg).writeBytes(m.author().toArray())
                .writeBytes(sig).writeBytes(seal).endList().toByteArray();
        return new WireMessage(WireMessage.IBFT_CODE, env).encode();
    }

    /** The message the odd half of the network gets instead of {@code message}. */
    private byte[] equivocate(Node from, byte[] message) {
        WireMessage wire = WireMessage.decode(message);
        Object decoded = wire.code() == WireMessage.IBFT_CODE
                ? new IbftCodec(crypto.recovery()).decode(wire) : new QbftCodec(crypto.recovery()).decode(wire);
        if (decoded instanceof QbftProposal p) {
            Block other = alternative(from, p.block(), BftProtocol.QBFT);
            from.equivocations.put(Hex.encode(p.block().hash()), other);
            return QbftCodec.wire(QbftCodec.proposal(p.height(), p.round(), other, p.roundChanges(), p.prepares(), from.signer)).encode();
        }
        if (decoded instanceof QbftPrepare p) {
            Block other = from.equivocations.get(Hex.encode(p.digest()));
            return other == null ? message
                    : QbftCodec.wire(QbftCodec.prepare(p.height(), p.round(), other.hash(), from.signer)).encode();
        }
        if (decoded instanceof QbftCommit c) {
            Block other = from.equivocations.get(Hex.encode(c.digest()));
            if (other == null) {
                return message;
            }
            byte[] seal = from.signer.sign(IstanbulHeaders.qbftCommittedSealHash(other.header(), c.round())).toBytes();
            return QbftCodec.wire(QbftCodec.commit(c.height(), c.round(), other.hash(), seal, from.signer)).encode();
        }
        if (decoded instanceof IbftMessage m) {
            if (m.code() == IbftMessage.PREPREPARE) {
                Block other = alternative(from, m.block(), BftProtocol.IBFT);
                from.equivocations.put(Hex.encode(m.block().hash()), other);
                return IbftCodec.wire(IbftCodec.preprepare(m.height(), m.round(), other, from.signer)).encode();
            }
            Block other = m.digest() == null ? null : from.equivocations.get(Hex.encode(m.digest()));
            if (other != null && m.code() == IbftMessage.PREPARE) {
                return IbftCodec.wire(IbftCodec.prepare(m.height(), m.round(), other.hash(), from.signer)).encode();
            }
            if (other != null && m.code() == IbftMessage.COMMIT) {
                return IbftCodec.wire(IbftCodec.commit(m.height(), m.round(), other.hash(), from.signer)).encode();
            }
        }
        return message;
    }

    /** A second valid block for the same height and proposer, differing in its transaction. */
    private Block alternative(Node from, Block block, BftProtocol protocol) {
        BlockHeader h = block.header();
        byte[] extra = h.extraData();
        if (protocol == BftProtocol.IBFT) {
            extra = IstanbulExtraData.decode(extra).withProposerSeal(new byte[0]).encode();
        }
        BlockTemplate template = new BlockTemplate(h.number(), h.timestamp(), h.coinbase(), h.nonce(), extra, h.mixHash(), h.difficulty());
        BlockHeader parent = from.chain.head();
        Block other = SimChain.build(parent, template, List.of(SimChain.standInTransaction(rogue.address(), h.number(), h.timestamp())));
        if (protocol == BftProtocol.IBFT) {
            other = new Block(IstanbulHeaders.ibftSeal(other.header(), from.signer), other.transactions(), List.of(), null);
        }
        return other;
    }
}
