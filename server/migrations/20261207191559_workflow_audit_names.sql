-- Workflow steps run through the kernel write `<module>.<entity>.<verb>`: the return loop's, the service desk's, containment's, screening's and observation's steps
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
--> statement-breakpoint
UPDATE "audit_log" SET "action" = CASE "action"
  WHEN 'containment.case_recorded' THEN 'containment.case.record'
  WHEN 'containment.case_confirmed' THEN 'containment.case.confirm'
  WHEN 'containment.case_excluded' THEN 'containment.case.exclude'
  WHEN 'containment.case_closed' THEN 'containment.case.close'
  WHEN 'containment.case_revealed' THEN 'containment.case.reveal'
  WHEN 'lockdown.proposed' THEN 'containment.order.propose'
  WHEN 'lockdown.auto_confirmed' THEN 'containment.order.auto_confirm'
  WHEN 'lockdown.created' THEN 'containment.order.create'
  WHEN 'lockdown.confirmed' THEN 'containment.order.confirm'
  WHEN 'lockdown.dismissed' THEN 'containment.order.dismiss'
  WHEN 'lockdown.released' THEN 'containment.order.release'
  WHEN 'lockdown.release_due' THEN 'containment.order.release_due'
  WHEN 'lockdown.rescheduled' THEN 'containment.order.reschedule'
  WHEN 'lockdown.superseded' THEN 'containment.order.supersede'
  WHEN 'lockdown.withdrawn' THEN 'containment.order.withdraw'
END
WHERE "action" IN ('containment.case_recorded', 'containment.case_confirmed', 'containment.case_excluded', 'containment.case_closed', 'containment.case_revealed', 'lockdown.proposed', 'lockdown.auto_confirmed', 'lockdown.created', 'lockdown.confirmed', 'lockdown.dismissed', 'lockdown.released', 'lockdown.release_due', 'lockdown.rescheduled', 'lockdown.superseded', 'lockdown.withdrawn');
--> statement-breakpoint
UPDATE "audit_log" SET "action" = CASE "action"
  WHEN 'screening_campaign.created' THEN 'screening.campaign.create'
  WHEN 'screening_campaign.updated' THEN 'screening.campaign.update'
  WHEN 'screening_campaign.started' THEN 'screening.campaign.start'
  WHEN 'screening_campaign.new_round' THEN 'screening.campaign.newRound'
  WHEN 'screening_campaign.closed' THEN 'screening.campaign.close'
  WHEN 'screening_assignment.created' THEN 'screening.assignment.create'
  WHEN 'screening_assignment.deleted' THEN 'screening.assignment.delete'
  WHEN 'screening_visit.synced' THEN 'screening.visit.sync'
  WHEN 'screening_finding.resolved' THEN 'screening.finding.resolve'
  WHEN 'screening_finding.case_opened' THEN 'screening.finding.openCase'
  WHEN 'screening_coverage.exported' THEN 'screening.coverage.export'
END
WHERE "action" IN ('screening_campaign.created', 'screening_campaign.updated', 'screening_campaign.started', 'screening_campaign.new_round', 'screening_campaign.closed', 'screening_assignment.created', 'screening_assignment.deleted', 'screening_visit.synced', 'screening_finding.resolved', 'screening_finding.case_opened', 'screening_coverage.exported');
--> statement-breakpoint
UPDATE "audit_log" SET "action" = CASE "action"
  WHEN 'observation.opened' THEN 'observation.case.open'
  WHEN 'observation.reading' THEN 'observation.check.record'
  WHEN 'observation.alert_handled' THEN 'observation.alert.handle'
  WHEN 'observation.release_proposed' THEN 'observation.case.proposeRelease'
  WHEN 'observation.released' THEN 'observation.case.release'
  WHEN 'observation.extended' THEN 'observation.case.extend'
  WHEN 'observation.shortened' THEN 'observation.case.shorten'
  WHEN 'observation.custodians' THEN 'observation.case.setCustodians'
  WHEN 'observation.members' THEN 'observation.case.setMembers'
  WHEN 'observation.delivered' THEN 'observation.delivery.record'
  WHEN 'observation.slots_saved' THEN 'observation.settings.saveSlots'
  WHEN 'observation.counting_saved' THEN 'observation.settings.saveCounting'
END
WHERE "action" IN ('observation.opened', 'observation.reading', 'observation.alert_handled', 'observation.release_proposed', 'observation.released', 'observation.extended', 'observation.shortened', 'observation.custodians', 'observation.members', 'observation.delivered', 'observation.slots_saved', 'observation.counting_saved');
