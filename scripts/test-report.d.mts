export declare const NEEDS_POSTGRES: string;

export interface SkippedTest {
  file: string;
  name: string;
}

export interface VitestJsonReport {
  testResults: { name: string; assertionResults: { status: string; fullName: string }[] }[];
}

export declare function skippedIn(report: VitestJsonReport, onPostgres: boolean, cwd?: string): { needPostgres: SkippedTest[]; unexplained: SkippedTest[] };
