package org.quorumee.bench.primitives;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;

/** A realistic block's worth of transactions: 100 EIP-1559 and 100 legacy EIP-155 transfers. */
final class BlockFixture {
    static final long CHAIN_ID = 1337;

    final List<Transaction> transactions = new ArrayList<>();
    /** The transactions as a block body holds them: an RLP list of (wrapped) envelopes. */
    final byte[] body;

    BlockFixture() {
        Random random = new Random(7);
        List<KeyPair> senders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            key[0] &= 0x7f;
            key[0] |= 0x01;
            senders.add(KeyPair.fromPrivateKey(key));
        }
        for (int i = 0; i < 200; i++) {
            byte[] to = new byte[20];
            random.nextBytes(to);
            KeyPair sender = senders.get(i % senders.size());
            BigInteger value = BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE);
            Transaction.Builder builder = i % 2 == 0
                    ? Transaction.builder(TransactionType.EIP1559)
                            .maxPriorityFeePerGas(BigInteger.valueOf(1_500_000_000L))
                            .maxFeePerGas(BigInteger.valueOf(30_000_000_000L))
                    : Transaction.builder(TransactionType.LEGACY).gasPrice(BigInteger.valueOf(20_000_000_000L));
            transactions.add(builder.chainId(CHAIN_ID).nonce(i / senders.size()).gasLimit(21_000)
                    .to(Address.wrap(to)).value(value).sign(sender));
        }
        List<byte[]> items = new ArrayList<>();
        for (Transaction tx : transactions) {
            items.add(tx.encodedForBlockBody());
        }
        body = Rlp.encodeList(items);
    }
}
