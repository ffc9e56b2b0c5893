/** Vite's `?worker` imports (vite/client declares them; the project's tsconfig does not load vite/client). */
declare module '*?worker' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker
  export default WorkerConstructor
}
