package org.quorumee.bench.primitives;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;

/**
 * RLP over a block body of 200 signed transfers (100 EIP-1559, 100 legacy). One operation handles
 * the whole body; MB/s = ops/s x body size (printed at setup).
 *
 * <ul>
 *   <li>{@code decodeRlp}: strict decode of the body and a read of every field.</li>
 *   <li>{@code decodeTransactions}: the body to 200 {@link Transaction} objects (no signature work).</li>
 *   <li>{@code encodeRlp}: every transaction's fields encoded item by item ({@link Rlp#encodeList}),
 *   then the body.</li>
 *   <li>{@code encodeWithWriter}: the same bytes through one {@link RlpWriter}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RlpBenchmark {
    private BlockFixture block;

    @Setup
    public void setup() {
        block = new BlockFixture();
        System.out.println("\nblock body: " + block.body.length + " bytes, " + block.transactions.size() + " transactions");
    }

    @Benchmark
    public void decodeRlp(Blackhole hole) {
        RlpItem body = Rlp.decode(block.body);
        for (RlpItem tx : body.items()) {
            byte[] envelope = tx.isList() ? null : tx.bytes();
            RlpItem fields = tx.isList() ? tx : Rlp.decode(envelope, 1, envelope.length - 1);
            for (RlpItem field : fields.items()) {
                hole.consume(field.isList() ? field.items().size() : field.payloadLength());
            }
        }
    }

    @Benchmark
    public void decodeTransactions(Blackhole hole) {
        RlpItem body = Rlp.decode(block.body);
        for (RlpItem tx : body.items()) {
            hole.consume(Transaction.decodeFromBlockBody(tx, BlockFixture.CHAIN_ID));
        }
    }

    @Benchmark
    public byte[] encodeRlp() {
        List<byte[]> items = new ArrayList<>(block.transactions.size());
        for (Transaction tx : block.transactions) {
            items.add(encodeFields(tx));
        }
        return Rlp.encodeList(items);
    }

    @Benchmark
    public byte[] encodeWithWriter() {
        RlpWriter w = new RlpWriter(block.body.length + 64);
        w.startList();
        for (Transaction tx : block.transactions) {
            boolean legacy = tx.type() == TransactionType.LEGACY;
            if (legacy) {
                writeFields(tx, w);
            } else {
                // A typed transaction is an RLP string wrapping type || list: build it, then wrap.
                RlpWriter inner = new RlpWriter(160);
                inner.writeRawByte(tx.type().typeByte());
                writeFields(tx, inner);
                w.writeBytes(inner.toByteArray());
            }
        }
        return w.endList().toByteArray();
    }

    private static void writeFields(Transaction tx, RlpWriter w) {
        boolean legacy = tx.type() == TransactionType.LEGACY;
        w.startList();
        if (!legacy) {
            w.writeBigInteger(tx.chainId().orElseThrow());
        }
        w.writeLong(tx.nonce());
        if (legacy) {
            w.writeBigInteger(tx.gasPrice());
        } else {
            w.writeBigInteger(tx.maxPriorityFeePerGas()).writeBigInteger(tx.maxFeePerGas());
        }
        w.writeLong(tx.gasLimit()).writeBytes(tx.to().orElseThrow().toArray()).writeBigInteger(tx.value())
                .writeBytes(tx.data());
        if (!legacy) {
            w.startList().endList();
        }
        w.writeBigInteger(tx.v()).writeBigInteger(tx.signature().r()).writeBigInteger(tx.signature().s());
        w.endList();
    }

    /** What a block builder does: every field through the encoder (the transaction's own bytes unused). */
    private static byte[] encodeFields(Transaction tx) {
        List<byte[]> f = new ArrayList<>(12);
        boolean legacy = tx.type() == TransactionType.LEGACY;
        if (!legacy) {
            f.add(Rlp.encodeBigInteger(tx.chainId().orElseThrow()));
        }
        f.add(Rlp.encodeLong(tx.nonce()));
        if (legacy) {
            f.add(Rlp.encodeBigInteger(tx.gasPrice()));
        } else {
            f.add(Rlp.encodeBigInteger(tx.maxPriorityFeePerGas()));
            f.add(Rlp.encodeBigInteger(tx.maxFeePerGas()));
        }
        f.add(Rlp.encodeLong(tx.gasLimit()));
        f.add(Rlp.encodeBytes(tx.to().orElseThrow().toArray()));
        f.add(Rlp.encodeBigInteger(tx.value()));
        f.add(Rlp.encodeBytes(tx.data()));
        if (!legacy) {
            List<byte[]> entries = new ArrayList<>();
            for (AccessListEntry entry : tx.accessList()) {
                entries.add(Rlp.encodeBytes(entry.address().toArray()));
            }
            f.add(Rlp.encodeList(entries));
        }
        f.add(Rlp.encodeBigInteger(tx.v()));
        f.add(Rlp.encodeBigInteger(tx.signature().r()));
        f.add(Rlp.encodeBigInteger(tx.signature().s()));
        byte[] list = Rlp.encodeList(f);
        if (legacy) {
            return list;
        }
        byte[] envelope = new byte[list.length + 1];
        envelope[0] = (byte) tx.type().typeByte();
        System.arraycopy(list, 0, envelope, 1, list.length);
        return Rlp.encodeBytes(envelope);
    }

}
