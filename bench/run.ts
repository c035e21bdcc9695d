import 'reflect-metadata';
import { importBenchmark } from './import.bench';
import { answersBenchmark } from './answers.bench';
import { fanoutBenchmark } from './fanout.bench';
import { dashboardBenchmark } from './dashboard.bench';

/** Each benchmark takes the words after its name (`npm run bench -- import --rows 5000`). */
const BENCHMARKS: Record<string, (args: string[]) => Promise<void>> = {
  import: importBenchmark,
  answers: answersBenchmark,
  fanout: fanoutBenchmark,
  dashboard: dashboardBenchmark,
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const benchmark = name ? BENCHMARKS[name] : undefined;
  if (!benchmark) {
    const known = Object.keys(BENCHMARKS).join(', ');
    process.stderr.write(`${name ? `unknown benchmark "${name}"` : 'name a benchmark'}: npm run bench -- NAME\n  benchmarks: ${known}\n`);
    process.exit(2);
  }
  await benchmark(args);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
