// jstat ships no types; only the functions this folder calls are declared.
declare module 'jstat' {
  interface StudentT {
    inv(p: number, dof: number): number;
    cdf(x: number, dof: number): number;
  }
  interface Normal {
    inv(p: number, mean: number, sd: number): number;
  }
  export const jStat: { studentt: StudentT; normal: Normal };
}
