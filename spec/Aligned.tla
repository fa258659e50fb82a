------------------------------ MODULE Aligned ------------------------------
(***************************************************************************)
(* Aligned barrier snapshots: ABS on an acyclic graph, Flink's exactly-once *)
(* default (DESIGN.md section 4, strategy `aligned`).                       *)
(*                                                                         *)
(* Topology (fixed, the physical graph of TWO_INPUT_TOPOLOGY in            *)
(* src/sim/test-scenarios.ts): sources a and b feed operator c over        *)
(* channels "ac" and "bc"; c feeds sink k over "ck".  Every record c       *)
(* processes is forwarded to k.  Channels are FIFO and unbounded (credit   *)
(* is abstracted away: a record in a sender's output buffer is in flight). *)
(*                                                                         *)
(* A barrier dequeued from an input blocks it until the task has barrier n *)
(* on every input; then snapshot, forward n and unblock all, atomically.   *)
(* Sources take triggers in id order, so a task never sees a newer barrier *)
(* while aligning; the coordinator completes a checkpoint once every task  *)
(* snapshotted it (acks and uploads are abstracted) and subsumes older     *)
(* pending ones, as Flink does.                                            *)
(*                                                                         *)
(* Operator state is abstracted to "records processed, per source": enough *)
(* to state prefix consistency.  Ghost variables record, per checkpoint,   *)
(* the counts each snapshot saw, so the invariants read like DESIGN.md     *)
(* section 5.                                                              *)
(*                                                                         *)
(* Bug selects a deliberately broken variant that MUST fail:               *)
(*   "first-barrier"  snapshot on the first barrier (no alignment)         *)
(*   "read-blocked"   keep reading records from a blocked input            *)
(*   "never-forward"  never forward the barrier (a liveness failure)       *)
(*   "never-unblock"  never resume the inputs after the snapshot (deadlock)*)
(*                                                                         *)
(* Written in the subset both TLC and the embedded engine (tla-checker)    *)
(* accept: no `.field` after a built-in operator call, no Nat in TypeOK,   *)
(* and every operator parameter and bound variable has a module-unique     *)
(* name (the embedded engine's fairness evaluation scopes them             *)
(* dynamically; see src/tla/README.md).                                    *)
(***************************************************************************)
EXTENDS Integers, Sequences

CONSTANTS MaxRecords, MaxCkpt, Bug

Sources == {"a", "b"}
Workers == {"c", "k"}
Channels == {"ac", "bc", "ck"}
From(fromCh) == CASE fromCh = "ac" -> "a" [] fromCh = "bc" -> "b" [] fromCh = "ck" -> "c"
To(toCh) == CASE toCh = "ac" -> "c" [] toCh = "bc" -> "c" [] toCh = "ck" -> "k"
Inputs(inTask) == {inCh \in Channels : To(inCh) = inTask}
Ckpts == 1..MaxCkpt
Bugs == {"none", "first-barrier", "read-blocked", "never-forward", "never-unblock"}
ASSUME MaxRecords \in 0..5 /\ MaxCkpt \in 1..3 /\ Bug \in Bugs

Rec(recSrc) == [kind |-> "rec", src |-> recSrc, ckpt |-> 0]
Bar(barId) == [kind |-> "bar", src |-> "", ckpt |-> barId]
Messages == {Rec(msgSrc) : msgSrc \in Sources} \cup {Bar(msgId) : msgId \in Ckpts}
NoSnap == [noSnapSrc \in Sources |-> -1]

VARIABLES
  status,      \* per checkpoint: "idle", "pending", "completed" or "subsumed"
  offset,      \* per source: records read and sent
  injected,    \* per source: the last checkpoint it snapshotted and injected
  chan,        \* per channel: the messages in flight, oldest first
  blocked,     \* per channel: consumption paused by an aligned barrier
  proc,        \* per worker, per source: records processed
  done,        \* per worker: the last checkpoint it snapshotted
  nSent,       \* per channel: records sent
  nRecv,       \* per channel: records consumed
  snapOffset,  \* ghost, per checkpoint, per source: the offset it snapshotted (-1: not yet)
  snapProc,    \* ghost, per checkpoint, per worker: proc at its snapshot (NoSnap: not yet)
  sentAt,      \* ghost, per checkpoint, per channel: nSent at the sender's snapshot
  recvAt       \* ghost, per checkpoint, per channel: nRecv at the receiver's snapshot

vars == <<status, offset, injected, chan, blocked, proc, done, nSent, nRecv,
          snapOffset, snapProc, sentAt, recvAt>>
ghost == <<snapOffset, snapProc, sentAt, recvAt>>

TypeOK ==
  /\ status \in [Ckpts -> {"idle", "pending", "completed", "subsumed"}]
  /\ offset \in [Sources -> 0..MaxRecords]
  /\ injected \in [Sources -> 0..MaxCkpt]
  /\ \A typeCh \in Channels : \A typeI \in 1..Len(chan[typeCh]) : chan[typeCh][typeI] \in Messages
  /\ blocked \in [Channels -> BOOLEAN]
  /\ proc \in [Workers -> [Sources -> 0..MaxRecords]]
  /\ done \in [Workers -> 0..MaxCkpt]
  /\ snapOffset \in [Ckpts -> [Sources -> -1..MaxRecords]]
  /\ sentAt \in [Ckpts -> [Channels -> -1..(2 * MaxRecords)]]
  /\ recvAt \in [Ckpts -> [Channels -> -1..(2 * MaxRecords)]]

Init ==
  /\ status = [initN \in Ckpts |-> "idle"]
  /\ offset = [initS \in Sources |-> 0]
  /\ injected = [initS \in Sources |-> 0]
  /\ chan = [initCh \in Channels |-> <<>>]
  /\ blocked = [initCh \in Channels |-> FALSE]
  /\ proc = [initT \in Workers |-> [initS \in Sources |-> 0]]
  /\ done = [initT \in Workers |-> 0]
  /\ nSent = [initCh \in Channels |-> 0]
  /\ nRecv = [initCh \in Channels |-> 0]
  /\ snapOffset = [initN \in Ckpts |-> NoSnap]
  /\ snapProc = [initN \in Ckpts |-> [initT \in Workers |-> NoSnap]]
  /\ sentAt = [initN \in Ckpts |-> [initCh \in Channels |-> -1]]
  /\ recvAt = [initN \in Ckpts |-> [initCh \in Channels |-> -1]]

(* The coordinator triggers the next checkpoint. *)
Trigger(trigN) ==
  /\ status[trigN] = "idle"
  /\ IF trigN = 1 THEN TRUE ELSE status[trigN - 1] # "idle"
  /\ status' = [status EXCEPT ![trigN] = "pending"]
  /\ UNCHANGED <<offset, injected, chan, blocked, proc, done, nSent, nRecv>>
  /\ UNCHANGED ghost

(* A source reads its next record and sends it on its output channel. *)
Emit(emitS) ==
  /\ offset[emitS] < MaxRecords
  /\ offset' = [offset EXCEPT ![emitS] = @ + 1]
  /\ chan' = [emitCh \in Channels |->
                IF From(emitCh) = emitS THEN Append(chan[emitCh], Rec(emitS)) ELSE chan[emitCh]]
  /\ nSent' = [emitCh \in Channels |->
                 IF From(emitCh) = emitS THEN nSent[emitCh] + 1 ELSE nSent[emitCh]]
  /\ UNCHANGED <<status, injected, blocked, proc, done, nRecv>>
  /\ UNCHANGED ghost

(* A source takes the next triggered checkpoint: snapshot its offset, inject the barrier. *)
Inject(injS) ==
  /\ injected[injS] < MaxCkpt
  /\ status[injected[injS] + 1] # "idle"
  /\ LET injN == injected[injS] + 1 IN
       /\ injected' = [injected EXCEPT ![injS] = injN]
       /\ snapOffset' = [snapOffset EXCEPT ![injN][injS] = offset[injS]]
       /\ sentAt' = [sentAt EXCEPT ![injN] =
                       [injCh \in Channels |-> IF From(injCh) = injS THEN nSent[injCh] ELSE sentAt[injN][injCh]]]
       /\ chan' = [injCh \in Channels |->
                     IF From(injCh) = injS THEN Append(chan[injCh], Bar(injN)) ELSE chan[injCh]]
  /\ UNCHANGED <<status, offset, blocked, proc, done, nSent, nRecv, snapProc, recvAt>>

(* A worker takes the record at the head of an input and forwards it downstream. *)
Process(procT, procCh) ==
  /\ chan[procCh] # <<>>
  /\ ~blocked[procCh] \/ Bug = "read-blocked"
  /\ LET procM == Head(chan[procCh]) IN
       /\ procM.kind = "rec"
       /\ proc' = [proc EXCEPT ![procT][procM.src] = @ + 1]
       /\ chan' = [procOut \in Channels |->
                     IF procOut = procCh THEN Tail(chan[procCh])
                     ELSE IF From(procOut) = procT THEN Append(chan[procOut], procM)
                     ELSE chan[procOut]]
       /\ nRecv' = [nRecv EXCEPT ![procCh] = @ + 1]
       /\ nSent' = [procOut \in Channels |->
                      IF From(procOut) = procT THEN nSent[procOut] + 1 ELSE nSent[procOut]]
  /\ UNCHANGED <<status, offset, injected, blocked, done>>
  /\ UNCHANGED ghost

(* The atomic checkpoint step: snapshot, forward the barrier, unblock every input. *)
SnapshotStep(snapT, snapCh, snapN) ==
  /\ done' = [done EXCEPT ![snapT] = snapN]
  /\ snapProc' = [snapProc EXCEPT ![snapN][snapT] = proc[snapT]]
  /\ recvAt' = [recvAt EXCEPT ![snapN] =
                  [snapIn \in Channels |-> IF To(snapIn) = snapT THEN nRecv[snapIn] ELSE recvAt[snapN][snapIn]]]
  /\ sentAt' = [sentAt EXCEPT ![snapN] =
                  [snapOut \in Channels |-> IF From(snapOut) = snapT THEN nSent[snapOut] ELSE sentAt[snapN][snapOut]]]
  /\ chan' = [snapOut \in Channels |->
                IF snapOut = snapCh THEN Tail(chan[snapCh])
                ELSE IF From(snapOut) = snapT /\ Bug # "never-forward" THEN Append(chan[snapOut], Bar(snapN))
                ELSE chan[snapOut]]
  /\ blocked' = [snapIn \in Channels |->
                   IF To(snapIn) = snapT /\ Bug # "never-unblock" THEN FALSE
                   ELSE IF snapIn = snapCh THEN TRUE
                   ELSE blocked[snapIn]]
  /\ UNCHANGED <<status, offset, injected, proc, nSent, nRecv, snapOffset>>

(* A barrier this worker already snapshotted (only a broken variant sees one): drop it. *)
SkipBarrier(skipT, skipCh) ==
  /\ chan' = [chan EXCEPT ![skipCh] = Tail(@)]
  /\ UNCHANGED <<status, offset, injected, blocked, proc, done, nSent, nRecv>>
  /\ UNCHANGED ghost

(* Barrier n arrived on one input while others still lack it: block that input. *)
BlockInput(blockCh) ==
  /\ blocked' = [blocked EXCEPT ![blockCh] = TRUE]
  /\ chan' = [chan EXCEPT ![blockCh] = Tail(@)]
  /\ UNCHANGED <<status, offset, injected, proc, done, nSent, nRecv>>
  /\ UNCHANGED ghost

ReceiveBarrier(rcvT, rcvCh) ==
  /\ chan[rcvCh] # <<>>
  /\ ~blocked[rcvCh]
  /\ LET rcvM == Head(chan[rcvCh]) IN
       /\ rcvM.kind = "bar"
       /\ IF rcvM.ckpt <= done[rcvT] THEN SkipBarrier(rcvT, rcvCh)
          ELSE IF Bug = "first-barrier" \/ \A rcvOther \in Inputs(rcvT) \ {rcvCh} : blocked[rcvOther]
            THEN SnapshotStep(rcvT, rcvCh, rcvM.ckpt)
          ELSE BlockInput(rcvCh)

(* Every task snapshotted n: complete it and subsume older pending checkpoints. *)
Complete(compN) ==
  /\ status[compN] = "pending"
  /\ \A compS \in Sources : snapOffset[compN][compS] # -1
  /\ \A compT \in Workers : snapProc[compN][compT] # NoSnap
  /\ status' = [compM \in Ckpts |->
                  IF compM = compN THEN "completed"
                  ELSE IF compM < compN /\ status[compM] = "pending" THEN "subsumed"
                  ELSE status[compM]]
  /\ UNCHANGED <<offset, injected, chan, blocked, proc, done, nSent, nRecv>>
  /\ UNCHANGED ghost

(* Everything triggered, read, injected and delivered: the run may stop here. *)
Quiescent ==
  /\ \A quietN \in Ckpts : status[quietN] # "idle"
  /\ \A quietS \in Sources : offset[quietS] = MaxRecords /\ injected[quietS] = MaxCkpt
  /\ \A quietCh \in Channels : chan[quietCh] = <<>>

Done == Quiescent /\ UNCHANGED vars

Next ==
  \/ \E nextN \in Ckpts : Trigger(nextN) \/ Complete(nextN)
  \/ \E nextS \in Sources : Emit(nextS) \/ Inject(nextS)
  \/ \E nextCh \in Channels : Process(To(nextCh), nextCh) \/ ReceiveBarrier(To(nextCh), nextCh)
  \/ Done

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

-----------------------------------------------------------------------------
(* DESIGN.md section 5, over every completed checkpoint.  Aligned records  *)
(* no channel state, and channels are FIFO, so "consumed before the        *)
(* receiver's snapshot, then the recorded channel state, equal the records *)
(* sent before the sender's snapshot, in order" reduces to equal counts.   *)

Completed(cn) == status[cn] = "completed"

(* Every record sent before the sender's snapshot was consumed before the receiver's. *)
NoLoss == \A lossN \in Ckpts : Completed(lossN) =>
  \A lossCh \in Channels : recvAt[lossN][lossCh] >= sentAt[lossN][lossCh]

(* No record consumed before the receiver's snapshot was sent after the sender's. *)
NoOrphan == \A orphN \in Ckpts : Completed(orphN) =>
  \A orphCh \in Channels : recvAt[orphN][orphCh] <= sentAt[orphN][orphCh]

CutConsistency == \A cutN \in Ckpts : Completed(cutN) =>
  \A cutCh \in Channels : recvAt[cutN][cutCh] = sentAt[cutN][cutCh]

(* Every worker's snapshot equals a failure-free run over the sources' snapshotted prefixes. *)
PrefixConsistency == \A preN \in Ckpts : Completed(preN) =>
  \A preT \in Workers : \A preS \in Sources : snapProc[preN][preT][preS] = snapOffset[preN][preS]

(* Every triggered checkpoint eventually completes (or a newer one completes and subsumes it). *)
CheckpointsComplete == \A liveN \in Ckpts :
  status[liveN] = "pending" ~> status[liveN] \in {"completed", "subsumed"}
=============================================================================
