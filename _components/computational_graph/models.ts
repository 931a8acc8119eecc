/**
 * The models the chart draws, what each needs and where its nodes sit: plain data, no engine, so
 * a page can step through a graph before (and without) loading the engine.
 */
/** The expressions the chart draws: lecture 4's model and its homework. */
export type Model = "linear" | "quadratic";

/** The inputs a model's graph starts from, by name (`x`, `y` and the model's parameters). */
export type Values = Record<string, number>;

/** What each model needs: its data and parameter names, defaults and formula. */
export const MODELS: Record<Model, {
  /** Leaves in the order the reader edits them. */
  inputs: string[];
  /** Leaves that are parameters (`requires_grad=True`). */
  params: string[];
  defaults: Values;
  /** The whole expression as TeX-free text, for captions and the text alternative. */
  formula: string;
}> = {
  linear: {
    inputs: ["x", "y", "w"],
    params: ["w"],
    defaults: { x: 2, y: 4, w: 1 },
    formula: "loss = (x·w − y)²",
  },
  quadratic: {
    inputs: ["x", "y", "w1", "w2", "b"],
    params: ["w1", "w2", "b"],
    defaults: { x: 2, y: 4, w1: 1, w2: 1, b: 1 },
    formula: "loss = (w1·x² + w2·x + b − y)²",
  },
};

/**
 * Where each node sits, by name: `col` runs with the forward pass (left to right, or top to
 * bottom on a phone), `row` across it. Hand-placed per model so that the forward chain is one
 * straight line and no edge crosses a label.
 */
export const LAYOUT: Record<Model, Record<string, { col: number; row: number }>> = {
  linear: {
    x: { col: 0, row: 0 },
    w: { col: 0, row: 1 },
    "ŷ": { col: 1, row: 0.5 },
    y: { col: 1, row: 1.75 },
    r: { col: 2, row: 0.5 },
    loss: { col: 3, row: 0.5 },
  },
  quadratic: {
    w1: { col: 0, row: 0 },
    x: { col: 0, row: 1.5 },
    "x²": { col: 1, row: 1 },
    w2: { col: 0, row: 2.75 },
    "w1·x²": { col: 2, row: 0.5 },
    "w2·x": { col: 1, row: 2.25 },
    s: { col: 3, row: 1.5 },
    b: { col: 3, row: 2.75 },
    "ŷ": { col: 4, row: 1.5 },
    y: { col: 4, row: 2.75 },
    r: { col: 5, row: 1.5 },
    loss: { col: 6, row: 1.5 },
  },
};

/**
 * Where the tall drawing (a phone's, top to bottom) moves a node from its `LAYOUT` place: the
 * homework's w1·x² sits further left there, so that its `w1·x² = …` text clears the edge from
 * w2·x down to s.
 */
export const TALL_LAYOUT: Partial<Record<Model, Record<string, { col: number; row: number }>>> = {
  quadratic: { "w1·x²": { col: 2, row: 0.25 } },
};
