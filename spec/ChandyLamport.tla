--------------------------- MODULE ChandyLamport ---------------------------
(***************************************************************************)
(* Chandy and Lamport's distributed snapshot (1985) on a topology with a   *)
(* cycle (DESIGN.md section 4, strategy `chandy-lamport`).                 *)
(*                                                                         *)
(* Processes p and q exchange tokens over FIFO channels "pq" and "qp",     *)
(* which form a cycle; tokens are never created or destroyed, so every     *)
(* state of every run holds Tokens * 2 of them.  The coordinator starts    *)
(* the snapshot at p.  On the first marker (or the start), a process       *)
(* records its state, sends a marker on every output, and records every    *)
(* other input until that input's marker arrives.  Markers travel FIFO and *)
(* never overtake tokens.  Records (tokens) carry their position on the    *)
(* channel, their identity there.  Sends are bounded by MaxSends per       *)
(* channel so the state space is finite.                                   *)
(*                                                                         *)
(* Bug selects a broken variant that MUST fail:                            *)
(*   "no-channel-state"  record process states but no channel state        *)
(*   "never-forward"     q never sends its marker on (a liveness failure)  *)
(***************************************************************************)
EXTENDS Integers, Sequences

CONSTANTS Tokens, MaxSends, Bug

Procs == {"p", "q"}
Channels == {"pq", "qp"}
From(fromCh) == IF fromCh = "pq" THEN "p" ELSE "q"
To(toCh) == IF toCh = "pq" THEN "q" ELSE "p"
Initiator == "p"
Total == 2 * Tokens
Bugs == {"none", "no-channel-state", "never-forward"}
ASSUME Tokens \in 1..3 /\ MaxSends \in 1..4 /\ Bug \in Bugs

Tok(tokPos) == [kind |-> "tok", pos |-> tokPos]
Marker == [kind |-> "mark", pos |-> 0]

VARIABLES
  status,     \* the snapshot: "idle", "pending" or "completed"
  bal,        \* per process: tokens held
  chan,       \* per channel: messages in flight, oldest first
  nSent,      \* per channel: tokens sent
  nRecv,      \* per channel: tokens received
  snapBal,    \* per process: recorded balance (-1: not recorded yet)
  recording,  \* per channel: the receiver records arriving tokens as channel state
  chanState,  \* per channel: recorded tokens
  sentAt,     \* ghost, per channel: nSent when the sender recorded its state
  recvAt      \* ghost, per channel: nRecv when the receiver recorded its state

vars == <<status, bal, chan, nSent, nRecv, snapBal, recording, chanState, sentAt, recvAt>>

TypeOK ==
  /\ status \in {"idle", "pending", "completed"}
  /\ bal \in [Procs -> 0..Total]
  /\ nSent \in [Channels -> 0..MaxSends]
  /\ nRecv \in [Channels -> 0..MaxSends]
  /\ snapBal \in [Procs -> -1..Total]
  /\ recording \in [Channels -> BOOLEAN]
  /\ \A typeCh \in Channels : Len(chanState[typeCh]) <= MaxSends

Init ==
  /\ status = "idle"
  /\ bal = [initP \in Procs |-> Tokens]
  /\ chan = [initCh \in Channels |-> <<>>]
  /\ nSent = [initCh \in Channels |-> 0]
  /\ nRecv = [initCh \in Channels |-> 0]
  /\ snapBal = [initP \in Procs |-> -1]
  /\ recording = [initCh \in Channels |-> FALSE]
  /\ chanState = [initCh \in Channels |-> <<>>]
  /\ sentAt = [initCh \in Channels |-> -1]
  /\ recvAt = [initCh \in Channels |-> -1]

(* A process sends one token to its neighbour. *)
Send(sendCh) ==
  /\ bal[From(sendCh)] > 0
  /\ nSent[sendCh] < MaxSends
  /\ bal' = [bal EXCEPT ![From(sendCh)] = @ - 1]
  /\ chan' = [chan EXCEPT ![sendCh] = Append(@, Tok(nSent[sendCh] + 1))]
  /\ nSent' = [nSent EXCEPT ![sendCh] = @ + 1]
  /\ UNCHANGED <<status, nRecv, snapBal, recording, chanState, sentAt, recvAt>>

(* Process recP records its state, sends markers on, and starts recording its other inputs. *)
RecordState(recP, recIn) ==
  /\ snapBal' = [snapBal EXCEPT ![recP] = bal[recP]]
  /\ sentAt' = [recOut \in Channels |-> IF From(recOut) = recP THEN nSent[recOut] ELSE sentAt[recOut]]
  /\ recvAt' = [recOut \in Channels |-> IF To(recOut) = recP THEN nRecv[recOut] ELSE recvAt[recOut]]
  /\ recording' = [recOut \in Channels |->
                     IF To(recOut) = recP /\ recOut # recIn /\ Bug # "no-channel-state" THEN TRUE
                     ELSE recording[recOut]]
  /\ chan' = [recOut \in Channels |->
                IF recOut = recIn THEN Tail(chan[recOut])
                ELSE IF From(recOut) = recP /\ ~(Bug = "never-forward" /\ recP = "q")
                  THEN Append(chan[recOut], Marker)
                ELSE chan[recOut]]

(* The coordinator starts the snapshot at the initiator. *)
Start ==
  /\ status = "idle"
  /\ status' = "pending"
  /\ RecordState(Initiator, "none")
  /\ UNCHANGED <<bal, nSent, nRecv, chanState>>

(* A token arrives; it is channel state while its channel is being recorded. *)
ReceiveToken(tokCh) ==
  /\ chan[tokCh] # <<>>
  /\ LET tokM == Head(chan[tokCh]) IN
       /\ tokM.kind = "tok"
       /\ chanState' = IF recording[tokCh] THEN [chanState EXCEPT ![tokCh] = Append(@, tokM.pos)]
                       ELSE chanState
  /\ bal' = [bal EXCEPT ![To(tokCh)] = @ + 1]
  /\ chan' = [chan EXCEPT ![tokCh] = Tail(@)]
  /\ nRecv' = [nRecv EXCEPT ![tokCh] = @ + 1]
  /\ UNCHANGED <<status, nSent, snapBal, recording, sentAt, recvAt>>

(* A marker arrives: the first one records the state (that channel's state is empty); *)
(* a later one ends the recording of its channel.                                     *)
ReceiveMarker(markCh) ==
  /\ chan[markCh] # <<>>
  /\ LET markM == Head(chan[markCh]) IN markM.kind = "mark"
  /\ IF snapBal[To(markCh)] = -1
       THEN RecordState(To(markCh), markCh)
       ELSE /\ chan' = [chan EXCEPT ![markCh] = Tail(@)]
            /\ recording' = [recording EXCEPT ![markCh] = FALSE]
            /\ UNCHANGED <<snapBal, sentAt, recvAt>>
  /\ UNCHANGED <<status, bal, nSent, nRecv, chanState>>

(* Every process recorded its state and every channel recording ended. *)
Complete ==
  /\ status = "pending"
  /\ \A compP \in Procs : snapBal[compP] # -1
  /\ \A compCh \in Channels : ~recording[compCh]
  /\ status' = "completed"
  /\ UNCHANGED <<bal, chan, nSent, nRecv, snapBal, recording, chanState, sentAt, recvAt>>

Quiescent ==
  /\ status # "idle"
  /\ \A quietCh \in Channels :
       /\ chan[quietCh] = <<>>
       /\ (bal[From(quietCh)] = 0 \/ nSent[quietCh] = MaxSends)

Done == Quiescent /\ UNCHANGED vars

Next ==
  \/ Start
  \/ Complete
  \/ \E nextCh \in Channels : Send(nextCh) \/ ReceiveToken(nextCh) \/ ReceiveMarker(nextCh)
  \/ Done

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

-----------------------------------------------------------------------------
(* DESIGN.md section 5 for the one snapshot, once completed.  A token's    *)
(* identity on a channel is its position there.                            *)

Completed == status = "completed"

NoLoss == Completed =>
  \A lossCh \in Channels : recvAt[lossCh] + Len(chanState[lossCh]) >= sentAt[lossCh]

NoOrphan == Completed =>
  \A orphCh \in Channels :
    /\ recvAt[orphCh] <= sentAt[orphCh]
    /\ \A orphI \in 1..Len(chanState[orphCh]) : chanState[orphCh][orphI] <= sentAt[orphCh]

CutConsistency == Completed =>
  \A cutCh \in Channels :
    /\ recvAt[cutCh] + Len(chanState[cutCh]) = sentAt[cutCh]
    /\ \A cutI \in 1..Len(chanState[cutCh]) : chanState[cutCh][cutI] = recvAt[cutCh] + cutI

(* The snapshot is a state some failure-free run passes through: like every such *)
(* state, it holds exactly the tokens the run started with.                      *)
PrefixConsistency == Completed =>
  snapBal["p"] + snapBal["q"] + Len(chanState["pq"]) + Len(chanState["qp"]) = Total

SnapshotCompletes == status = "pending" ~> status = "completed"
=============================================================================
