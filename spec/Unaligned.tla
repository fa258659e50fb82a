----------------------------- MODULE Unaligned -----------------------------
(***************************************************************************)
(* Unaligned checkpoints: Flink FLIP-76 (DESIGN.md section 4, strategy     *)
(* `unaligned`).  A task snapshots on the FIRST barrier n it receives and  *)
(* forwards n as a priority event: the barrier overtakes every record      *)
(* queued in each output channel (it goes behind older barriers only), and *)
(* the overtaken records are persisted as that channel's state by the      *)
(* sender.  Until barrier n arrives on an input, every record the task     *)
(* takes from that input is persisted as channel state by the receiver     *)
(* (and still processed).  Inputs are never blocked.                       *)
(*                                                                         *)
(* Topology and abstractions as in Aligned.tla: sources a, b -> c -> k;    *)
(* records carry their source and their position on the channel (their    *)
(* identity there), so channel state is compared record by record.  The    *)
(* channel state of channel e in checkpoint n is what the receiver         *)
(* recorded followed by what the sender recorded.                          *)
(*                                                                         *)
(* Bug selects a broken variant that MUST fail:                            *)
(*   "forget-output"  the sender does not persist the overtaken records    *)
(*   "forget-input"   the receiver does not persist records that arrive    *)
(*                    before the barrier on its other inputs               *)
(*   "never-forward"  never forward the barrier (a liveness failure)       *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

CONSTANTS MaxRecords, MaxCkpt, Bug

Sources == {"a", "b"}
Workers == {"c", "k"}
Channels == {"ac", "bc", "ck"}
From(fromCh) == CASE fromCh = "ac" -> "a" [] fromCh = "bc" -> "b" [] fromCh = "ck" -> "c"
To(toCh) == CASE toCh = "ac" -> "c" [] toCh = "bc" -> "c" [] toCh = "ck" -> "k"
Ckpts == 1..MaxCkpt
Bugs == {"none", "forget-output", "forget-input", "never-forward"}
ASSUME MaxRecords \in 0..5 /\ MaxCkpt \in 1..3 /\ Bug \in Bugs

Rec(recSrc, recPos) == [kind |-> "rec", src |-> recSrc, pos |-> recPos, ckpt |-> 0]
Bar(barId) == [kind |-> "bar", src |-> "", pos |-> 0, ckpt |-> barId]
NoSnap == [noSnapSrc \in Sources |-> -1]

(* Where a priority barrier goes: behind the last barrier already queued, ahead of every record. *)
BarrierSlot(slotQ) ==
  LET slotBars == {slotI \in 1..Len(slotQ) : slotQ[slotI].kind = "bar"}
  IN IF slotBars = {} THEN 0 ELSE CHOOSE slotLast \in slotBars : \A slotJ \in slotBars : slotJ <= slotLast
(* Queue insQ with barrier insN inserted at its slot. *)
InsertBarrier(insQ, insN) ==
  LET insAt == BarrierSlot(insQ) IN SubSeq(insQ, 1, insAt) \o <<Bar(insN)>> \o SubSeq(insQ, insAt + 1, Len(insQ))
(* The records a priority barrier overtakes in queue ovQ. *)
Overtaken(ovQ) == SubSeq(ovQ, BarrierSlot(ovQ) + 1, Len(ovQ))
CountFrom(cntQ, cntSrc) == Cardinality({cntI \in 1..Len(cntQ) : cntQ[cntI].src = cntSrc})

VARIABLES
  status,      \* per checkpoint: "idle", "pending", "completed" or "subsumed"
  offset,      \* per source: records read and sent
  injected,    \* per source: the last checkpoint it snapshotted and injected
  chan,        \* per channel: the messages in flight, oldest first
  proc,        \* per worker, per source: records processed
  done,        \* per worker: the last checkpoint it snapshotted
  awaiting,    \* per worker: inputs on which barrier done[t] has not arrived yet (recorded meanwhile)
  nSent,       \* per channel: records sent
  nRecv,       \* per channel: records consumed
  snapOffset,  \* ghost, per checkpoint, per source: the offset it snapshotted (-1: not yet)
  snapProc,    \* ghost, per checkpoint, per worker: proc at its snapshot (NoSnap: not yet)
  sentAt,      \* ghost, per checkpoint, per channel: nSent at the sender's snapshot
  recvAt,      \* ghost, per checkpoint, per channel: nRecv at the receiver's snapshot
  inState,     \* per checkpoint, per channel: records persisted by the receiver
  outState     \* per checkpoint, per channel: records persisted by the sender (overtaken)

vars == <<status, offset, injected, chan, proc, done, awaiting, nSent, nRecv,
          snapOffset, snapProc, sentAt, recvAt, inState, outState>>
ghost == <<snapOffset, snapProc, sentAt, recvAt>>

TypeOK ==
  /\ status \in [Ckpts -> {"idle", "pending", "completed", "subsumed"}]
  /\ offset \in [Sources -> 0..MaxRecords]
  /\ injected \in [Sources -> 0..MaxCkpt]
  /\ proc \in [Workers -> [Sources -> 0..MaxRecords]]
  /\ done \in [Workers -> 0..MaxCkpt]
  /\ awaiting \in [Workers -> SUBSET Channels]
  /\ snapOffset \in [Ckpts -> [Sources -> -1..MaxRecords]]
  /\ \A typeN \in Ckpts : \A typeCh \in Channels :
       Len(inState[typeN][typeCh]) + Len(outState[typeN][typeCh]) <= 2 * MaxRecords

Init ==
  /\ status = [initN \in Ckpts |-> "idle"]
  /\ offset = [initS \in Sources |-> 0]
  /\ injected = [initS \in Sources |-> 0]
  /\ chan = [initCh \in Channels |-> <<>>]
  /\ proc = [initT \in Workers |-> [initS \in Sources |-> 0]]
  /\ done = [initT \in Workers |-> 0]
  /\ awaiting = [initT \in Workers |-> {}]
  /\ nSent = [initCh \in Channels |-> 0]
  /\ nRecv = [initCh \in Channels |-> 0]
  /\ snapOffset = [initN \in Ckpts |-> NoSnap]
  /\ snapProc = [initN \in Ckpts |-> [initT \in Workers |-> NoSnap]]
  /\ sentAt = [initN \in Ckpts |-> [initCh \in Channels |-> -1]]
  /\ recvAt = [initN \in Ckpts |-> [initCh \in Channels |-> -1]]
  /\ inState = [initN \in Ckpts |-> [initCh \in Channels |-> <<>>]]
  /\ outState = [initN \in Ckpts |-> [initCh \in Channels |-> <<>>]]

Trigger(trigN) ==
  /\ status[trigN] = "idle"
  /\ IF trigN = 1 THEN TRUE ELSE status[trigN - 1] # "idle"
  /\ status' = [status EXCEPT ![trigN] = "pending"]
  /\ UNCHANGED <<offset, injected, chan, proc, done, awaiting, nSent, nRecv, inState, outState>>
  /\ UNCHANGED ghost

Emit(emitS) ==
  /\ offset[emitS] < MaxRecords
  /\ offset' = [offset EXCEPT ![emitS] = @ + 1]
  /\ chan' = [emitCh \in Channels |->
                IF From(emitCh) = emitS THEN Append(chan[emitCh], Rec(emitS, nSent[emitCh] + 1))
                ELSE chan[emitCh]]
  /\ nSent' = [emitCh \in Channels |->
                 IF From(emitCh) = emitS THEN nSent[emitCh] + 1 ELSE nSent[emitCh]]
  /\ UNCHANGED <<status, injected, proc, done, awaiting, nRecv, inState, outState>>
  /\ UNCHANGED ghost

(* Task fwdT forwards barrier fwdN as a priority event, persisting what it overtakes; *)
(* a worker also takes the barrier from the head of its input fwdIn.              *)
ForwardPriority(fwdT, fwdN, fwdIn) ==
  /\ chan' = [fwdCh \in Channels |->
                IF fwdCh = fwdIn THEN Tail(chan[fwdCh])
                ELSE IF From(fwdCh) = fwdT /\ Bug # "never-forward" THEN InsertBarrier(chan[fwdCh], fwdN)
                ELSE chan[fwdCh]]
  /\ outState' = [outState EXCEPT ![fwdN] =
                    [fwdCh \in Channels |->
                       IF From(fwdCh) = fwdT /\ Bug # "forget-output" THEN Overtaken(chan[fwdCh])
                       ELSE outState[fwdN][fwdCh]]]
  /\ sentAt' = [sentAt EXCEPT ![fwdN] =
                  [fwdCh \in Channels |-> IF From(fwdCh) = fwdT THEN nSent[fwdCh] ELSE sentAt[fwdN][fwdCh]]]

(* A source takes the next triggered checkpoint: snapshot its offset, inject the barrier. *)
Inject(injS) ==
  /\ injected[injS] < MaxCkpt
  /\ status[injected[injS] + 1] # "idle"
  /\ injected' = [injected EXCEPT ![injS] = @ + 1]
  /\ snapOffset' = [snapOffset EXCEPT ![injected[injS] + 1][injS] = offset[injS]]
  /\ ForwardPriority(injS, injected[injS] + 1, "none")
  /\ UNCHANGED <<status, offset, proc, done, awaiting, nSent, nRecv, snapProc, recvAt, inState>>

(* Take a record; persist it as channel state while this input's barrier is still due. *)
Process(procT, procCh) ==
  /\ chan[procCh] # <<>>
  /\ LET procM == Head(chan[procCh]) IN
       /\ procM.kind = "rec"
       /\ proc' = [proc EXCEPT ![procT][procM.src] = @ + 1]
       /\ chan' = [procOut \in Channels |->
                     IF procOut = procCh THEN Tail(chan[procCh])
                     ELSE IF From(procOut) = procT
                       THEN Append(chan[procOut], Rec(procM.src, nSent[procOut] + 1))
                     ELSE chan[procOut]]
       /\ inState' = IF procCh \in awaiting[procT] /\ Bug # "forget-input"
                       THEN [inState EXCEPT ![done[procT]][procCh] = Append(@, procM)]
                       ELSE inState
  /\ nRecv' = [nRecv EXCEPT ![procCh] = @ + 1]
  /\ nSent' = [procOut \in Channels |->
                 IF From(procOut) = procT THEN nSent[procOut] + 1 ELSE nSent[procOut]]
  /\ UNCHANGED <<status, offset, injected, done, awaiting, outState>>
  /\ UNCHANGED ghost

(* The first barrier n: snapshot at once, forward n with priority, record the other inputs. *)
FirstBarrier(firstT, firstCh, firstN) ==
  /\ done' = [done EXCEPT ![firstT] = firstN]
  /\ awaiting' = [awaiting EXCEPT ![firstT] = {firstIn \in Channels : To(firstIn) = firstT} \ {firstCh}]
  /\ snapProc' = [snapProc EXCEPT ![firstN][firstT] = proc[firstT]]
  /\ recvAt' = [recvAt EXCEPT ![firstN] =
                  [firstIn \in Channels |-> IF To(firstIn) = firstT THEN nRecv[firstIn] ELSE recvAt[firstN][firstIn]]]
  /\ ForwardPriority(firstT, firstN, firstCh)
  /\ UNCHANGED <<status, offset, injected, proc, nSent, nRecv, snapOffset, inState>>

(* Barrier n on an input still awaited: stop recording that input. *)
LaterBarrier(laterT, laterCh) ==
  /\ chan' = [chan EXCEPT ![laterCh] = Tail(@)]
  /\ awaiting' = [awaiting EXCEPT ![laterT] = @ \ {laterCh}]
  /\ UNCHANGED <<status, offset, injected, proc, done, nSent, nRecv, inState, outState>>
  /\ UNCHANGED ghost

(* A task works on one checkpoint at a time: a newer barrier waits at the head of its  *)
(* input until every barrier of the older one arrived (priority events, so not long). *)
ReceiveBarrier(rcvT, rcvCh) ==
  /\ chan[rcvCh] # <<>>
  /\ LET rcvM == Head(chan[rcvCh]) IN
       /\ rcvM.kind = "bar"
       /\ IF rcvM.ckpt > done[rcvT]
            THEN awaiting[rcvT] = {} /\ FirstBarrier(rcvT, rcvCh, rcvM.ckpt)
          ELSE LaterBarrier(rcvT, rcvCh)

Complete(compN) ==
  /\ status[compN] = "pending"
  /\ \A compS \in Sources : snapOffset[compN][compS] # -1
  /\ \A compT \in Workers : snapProc[compN][compT] # NoSnap /\ (done[compT] = compN => awaiting[compT] = {})
  /\ status' = [compM \in Ckpts |->
                  IF compM = compN THEN "completed"
                  ELSE IF compM < compN /\ status[compM] = "pending" THEN "subsumed"
                  ELSE status[compM]]
  /\ UNCHANGED <<offset, injected, chan, proc, done, awaiting, nSent, nRecv, inState, outState>>
  /\ UNCHANGED ghost

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
(* DESIGN.md section 5, over every completed checkpoint.  A record's       *)
(* identity on a channel is its position there, so "the records consumed   *)
(* before the receiver's snapshot, then the recorded channel state, equal  *)
(* the records sent before the sender's snapshot, in order" means: the     *)
(* channel state holds exactly positions recvAt+1 .. sentAt, in order.     *)

Completed(cn) == status[cn] = "completed"
ChannelState(csN, csCh) == inState[csN][csCh] \o outState[csN][csCh]

NoLoss == \A lossN \in Ckpts : Completed(lossN) =>
  \A lossCh \in Channels :
    recvAt[lossN][lossCh] + Len(ChannelState(lossN, lossCh)) >= sentAt[lossN][lossCh]

NoOrphan == \A orphN \in Ckpts : Completed(orphN) =>
  \A orphCh \in Channels :
    /\ recvAt[orphN][orphCh] <= sentAt[orphN][orphCh]
    /\ \A orphI \in 1..Len(ChannelState(orphN, orphCh)) :
         ChannelState(orphN, orphCh)[orphI].pos <= sentAt[orphN][orphCh]

CutConsistency == \A cutN \in Ckpts : Completed(cutN) =>
  \A cutCh \in Channels :
    LET cutCs == ChannelState(cutN, cutCh) IN
      /\ recvAt[cutN][cutCh] + Len(cutCs) = sentAt[cutN][cutCh]
      /\ \A cutI \in 1..Len(cutCs) : cutCs[cutI].pos = recvAt[cutN][cutCh] + cutI

(* Replaying the channel state through the dataflow: a record recorded upstream of a *)
(* worker reaches it (through c), so it counts for every worker downstream.          *)
Replayed(repN, repT, repS) ==
  CountFrom(ChannelState(repN, "ac"), repS) + CountFrom(ChannelState(repN, "bc"), repS)
    + (IF repT = "k" THEN CountFrom(ChannelState(repN, "ck"), repS) ELSE 0)

PrefixConsistency == \A preN \in Ckpts : Completed(preN) =>
  \A preT \in Workers : \A preS \in Sources :
    snapProc[preN][preT][preS] + Replayed(preN, preT, preS) = snapOffset[preN][preS]

CheckpointsComplete == \A liveN \in Ckpts :
  status[liveN] = "pending" ~> status[liveN] \in {"completed", "subsumed"}
=============================================================================
