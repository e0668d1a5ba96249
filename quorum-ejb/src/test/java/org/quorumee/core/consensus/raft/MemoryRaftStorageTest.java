package org.quorumee.core.consensus.raft;

/** The storage contract on {@link MemoryRaftStorage}. */
class MemoryRaftStorageTest extends RaftStorageContract {
    @Override
    protected WritableRaftStorage newStorage() {
        return new MemoryRaftStorage();
    }

    @Override
    protected WritableRaftStorage reopen(WritableRaftStorage storage) {
        return storage;
    }
}
