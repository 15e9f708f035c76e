-- Workflow steps run through the kernel write `<module>.<entity>.<verb>`: the return loop's and the service desk's steps
-- recorded before keep their meaning under the new names. A resident's rating was recorded as the
-- step it caused (callback or reopen) and keeps that name; from now on it is servicedesk.order.feedback.
UPDATE "audit_log" SET "action" = 'servicedesk.order.' || substr("action", 13)
WHERE "action" IN ('servicedesk.dispatch', 'servicedesk.take', 'servicedesk.accept', 'servicedesk.arrive', 'servicedesk.resolve', 'servicedesk.reply',
  'servicedesk.callback', 'servicedesk.pause', 'servicedesk.resume', 'servicedesk.transfer', 'servicedesk.acceptTransfer', 'servicedesk.rejectTransfer',
  'servicedesk.cancel', 'servicedesk.reopen', 'servicedesk.merge');
--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'inbound.request.' || substr("action", 9)
WHERE "action" IN ('inbound.route', 'inbound.reroute', 'inbound.approve', 'inbound.reject', 'inbound.appeal', 'inbound.resubmit', 'inbound.markNotified',
  'inbound.checkIn', 'inbound.withdraw', 'inbound.selfReport');
