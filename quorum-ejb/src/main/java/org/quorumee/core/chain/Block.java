package org.quorumee.core.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.tx.Transaction;

/**
 * A block: {@code rlp([header, [transaction...], [ommer...]])}, with {@code [withdrawal...]} appended
 * from Shanghai on. Transactions are held in their EIP-2718 form (a legacy transaction's RLP list,
 * or {@code type || payload}), the bytes the transactions trie commits to; in the block body a typed
 * transaction is wrapped as an RLP byte string. Build one from {@link Transaction}s with their
 * {@link Transaction#encoded()} bytes; read them back with {@link #decodeTransactions}.
 */
public record Block(BlockHeader header, List<byte[]> transactions, List<BlockHeader> ommers, List<Withdrawal> withdrawals) {

    /** @param withdrawals null before Shanghai (no withdrawals list at all), else the list (maybe empty) */
    public Block {
        transactions = transactions.stream().map(byte[]::clone).toList();
        ommers = List.copyOf(ommers);
        withdrawals = withdrawals == null ? null : List.copyOf(withdrawals);
    }

    public byte[] hash() {
        return header.hash();
    }

    /** Copies of the transactions in EIP-2718 form. */
    @Override
    public List<byte[]> transactions() {
        return transactions.stream().map(byte[]::clone).toList();
    }

    /**
     * The transactions decoded for a chain (the chain id decides how GoQuorum's v = 37/38 reads).
     *
     * @throws org.quorumee.core.tx.InvalidTransactionException on a malformed transaction
     */
    public List<Transaction> decodeTransactions(long chainId) {
        List<Transaction> decoded = new ArrayList<>(transactions.size());
        for (byte[] tx : transactions) {
            decoded.add(Transaction.decode(tx, chainId));
        }
        return decoded;
    }

    /**
     * {@link #decodeTransactions(long)}, taking {@code known}'s instance of a transaction (by hash)
     * where it has one: a pool's, whose sender is already recovered, so that importing a block of
     * transactions this node has seen costs no second signature recovery.
     *
     * @throws org.quorumee.core.tx.InvalidTransactionException on a malformed transaction
     */
    public List<Transaction> decodeTransactions(long chainId, Function<byte[], Optional<Transaction>> known) {
        List<Transaction> decoded = decodeTransactions(chainId);
        for (int i = 0; i < decoded.size(); i++) {
            Transaction tx = decoded.get(i);
            Optional<Transaction> seen = known.apply(tx.hash());
            if (seen.isPresent() && Arrays.equals(seen.get().encoded(), transactions.get(i))) {
                decoded.set(i, seen.get());
            }
        }
        return decoded;
    }

    /** The withdrawals, absent before Shanghai. */
    public Optional<List<Withdrawal>> withdrawalList() {
        return Optional.ofNullable(withdrawals);
    }

    /** The root of the transactions as the header should carry it. */
    public byte[] computeTransactionsRoot() {
        return ListRoot.of(transactions);
    }

    /** The root of the withdrawals as the header should carry it, absent before Shanghai. */
    public Optional<byte[]> computeWithdrawalsRoot() {
        if (withdrawals == null) {
            return Optional.empty();
        }
        List<byte[]> encoded = new ArrayList<>(withdrawals.size());
        for (Withdrawal withdrawal : withdrawals) {
            encoded.add(withdrawal.encode());
        }
        return Optional.of(ListRoot.of(encoded));
    }

    public byte[] encode() {
        List<byte[]> txs = new ArrayList<>(transactions.size());
        for (byte[] tx : transactions) {
            txs.add(isLegacy(tx) ? tx : Rlp.encodeBytes(tx));
        }
        List<byte[]> uncles = new ArrayList<>(ommers.size());
        for (BlockHeader ommer : ommers) {
            uncles.add(ommer.encode());
        }
        List<byte[]> items = new ArrayList<>(4);
        items.add(header.encode());
        items.add(Rlp.encodeList(txs));
        items.add(Rlp.encodeList(uncles));
        if (withdrawals != null) {
            List<byte[]> encoded = new ArrayList<>(withdrawals.size());
            for (Withdrawal withdrawal : withdrawals) {
                encoded.add(withdrawal.encode());
            }
            items.add(Rlp.encodeList(encoded));
        }
        return Rlp.encodeList(items);
    }

    /**
     * Reads a block. Transactions are checked only for their envelope here (the transaction
     * decoder validates their content).
     *
     * @throws RlpException on malformed input
     */
    public static Block decode(byte[] encoded) {
        RlpItem item = Rlp.decode(encoded);
        if (!item.isList() || item.items().size() < 3 || item.items().size() > 4) {
            throw new RlpException("a block is an RLP list of 3 or 4 items");
        }
        BlockHeader header = BlockHeader.fromRlp(item.item(0));
        List<byte[]> transactions = new ArrayList<>();
        for (RlpItem tx : item.item(1).items()) {
            if (tx.isList()) {
                transactions.add(tx.encoded());
            } else {
                byte[] typed = tx.bytes();
                if (typed.length == 0 || (typed[0] & 0xff) > Receipt.MAX_TYPE) {
                    throw new RlpException("a typed transaction starts with a type byte 0x00..0x7f");
                }
                transactions.add(typed);
            }
        }
        List<BlockHeader> ommers = new ArrayList<>();
        for (RlpItem ommer : item.item(2).items()) {
            ommers.add(BlockHeader.fromRlp(ommer));
        }
        List<Withdrawal> withdrawals = null;
        if (item.items().size() == 4) {
            withdrawals = new ArrayList<>();
            for (RlpItem withdrawal : item.item(3).items()) {
                withdrawals.add(Withdrawal.fromRlp(withdrawal));
            }
        }
        return new Block(header, transactions, ommers, withdrawals);
    }

    /** Blocks are equal when their encodings are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Block other && java.util.Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    private static boolean isLegacy(byte[] transaction) {
        return transaction.length > 0 && (transaction[0] & 0xff) >= 0xc0;
    }
}
