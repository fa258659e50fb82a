// Identifiers of the simulated world. Plain numbers and strings keep scenarios and histories
// JSON-serializable; the aliases say which index space a number belongs to.

/** Index of a physical task (one subtask of a logical node). */
export type TaskIndex = number;
/** Index of a physical channel (one sender subtask -> receiver subtask pair). */
export type ChannelIndex = number;
/** Checkpoint ids start at 1 and strictly increase within a run. */
export type CheckpointId = number;
/** Simulated time. No wall clock exists in the simulated world. */
export type Tick = number;
/** Stable identity of a record: `node.subtask@offset` for source records, extended per operator. */
export type RecordId = string;
