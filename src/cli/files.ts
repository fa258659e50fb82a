// File output that never leaves a half-written file (implemented beside the bundle writer).
export { writeFileAtomically } from '../trace/files.ts';
