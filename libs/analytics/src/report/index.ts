export * from './quarter';
export * from './report.dto';
export * from './report-query.dto';
export * from './feedback-theme-source';
export * from './figure-format';
export * from './report.service';
