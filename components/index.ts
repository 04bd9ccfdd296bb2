// The drop-in entry: registers every element. Filled in by the element issues.
export {};
