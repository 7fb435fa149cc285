import { type CallAnalysis, parseStoredAnalysis } from '@receptionist/domain';
import { Badge, Card } from '../../../../components/ui.tsx';
import { humanize } from '../../../../lib/format.ts';

/** The stored analysis of a call row, or undefined until the worker has analysed it. */
export function analysisOf(call: { analysis: unknown }): CallAnalysis | undefined {
  return parseStoredAnalysis(call.analysis);
}

/** The call list's flag: the receptionist said something no tool result backs. */
export function UnkeptPromiseFlag({ analysis }: { analysis: CallAnalysis | undefined }) {
  const count = analysis?.unkeptPromises.length ?? 0;
  if (count === 0) return null;
  return (
    <span title="The receptionist promised something no tool result backs" data-testid="unkept-promise-flag">
      <Badge tone="red">{count === 1 ? 'Unkept promise' : `${count} unkept promises`}</Badge>
    </span>
  );
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-800">{value ?? '—'}</dd>
    </div>
  );
}

/** The call page's analysis: summary, structured fields, the promise check and open questions. */
export function AnalysisCard({
  analysis,
  summary,
}: {
  analysis: CallAnalysis | undefined;
  summary: string | null;
}) {
  if (analysis === undefined) {
    return summary ? (
      <Card title="Summary" className="mt-6">
        <p className="text-sm text-slate-700">{summary}</p>
      </Card>
    ) : (
      <Card title="Summary" className="mt-6">
        <p className="text-sm text-slate-500">The summary appears here a few seconds after the call ends.</p>
      </Card>
    );
  }
  return (
    <Card
      title="Summary"
      className="mt-6"
      actions={
        <span className="text-xs text-slate-500">
          {analysis.source === 'openai' ? 'Written by the model' : 'Built from the call record'}
        </span>
      }
    >
      <p className="text-sm text-slate-700" data-testid="call-summary">
        {analysis.summary}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="call-analysis">
        <Field label="Caller" value={analysis.callerName} />
        <Field label="Callback number" value={analysis.callbackNumber} />
        <Field label="Reason" value={analysis.reason} />
        <Field label="Appointment" value={humanize(analysis.appointmentChange)} />
        <Field label="Follow-up needed" value={analysis.followUpNeeded ? 'Yes' : 'No'} />
        <Field label="Urgency" value={humanize(analysis.urgency)} />
        <Field label="Language" value={analysis.language} />
        <Field label="Outcome" value={humanize(analysis.outcome)} />
      </dl>
      {analysis.unkeptPromises.length > 0 ? (
        <div className="mt-4 rounded-lg bg-red-50 p-3 ring-1 ring-red-200">
          <p className="text-sm font-medium text-red-800">Promises no tool result backs</p>
          <ul className="mt-1 list-disc pl-5 text-sm text-red-800">
            {analysis.unkeptPromises.map((promise) => (
              <li key={`${promise.kind}:${promise.quote}`}>
                “{promise.quote}” — {promise.problem}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {analysis.unansweredQuestions.length > 0 ? (
        <div className="mt-4 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200">
          <p className="text-sm font-medium text-amber-900">Questions the receptionist could not answer</p>
          <ul className="mt-1 list-disc pl-5 text-sm text-amber-900">
            {analysis.unansweredQuestions.map((question) => (
              <li key={question}>{question}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
