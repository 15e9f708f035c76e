-- Workflow steps run through the kernel write `<module>.<entity>.<verb>`: the return loop's, the service desk's, containment's, screening's and observation's steps, and every
-- other action a module records (the platform's own keep `<entity>.<event>`)
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
--> statement-breakpoint
UPDATE "audit_log" SET "action" = CASE "action"
  WHEN 'inbound.submitted' THEN 'inbound.request.submit'
  WHEN 'inbound.declared' THEN 'inbound.request.declare'
  WHEN 'inbound.settings_saved' THEN 'inbound.settings.save'
  WHEN 'servicedesk.order_created' THEN 'servicedesk.order.create'
  WHEN 'servicedesk.photo_added' THEN 'servicedesk.photo.add'
  WHEN 'servicedesk.limit_missed' THEN 'servicedesk.breach.record'
  WHEN 'servicedesk.breach_explained' THEN 'servicedesk.breach.explain'
  WHEN 'servicedesk.breach_reviewed' THEN 'servicedesk.breach.review'
  WHEN 'servicedesk.category_created' THEN 'servicedesk.category.create'
  WHEN 'servicedesk.category_updated' THEN 'servicedesk.category.update'
  WHEN 'servicedesk.team_created' THEN 'servicedesk.team.create'
  WHEN 'servicedesk.team_updated' THEN 'servicedesk.team.update'
  WHEN 'access.pass.issued' THEN 'access.pass.issue'
  WHEN 'access.pass.renewed' THEN 'access.pass.renew'
  WHEN 'access.pass.revoked' THEN 'access.pass.revoke'
  WHEN 'access.gate.created' THEN 'access.gate.create'
  WHEN 'access.gate_event.recorded' THEN 'access.gateEvent.record'
  WHEN 'access.gate_events.synced' THEN 'access.gateEvent.sync'
  WHEN 'access.fever_referral.created' THEN 'access.feverReferral.create'
  WHEN 'containment.settings_saved' THEN 'containment.settings.save'
  WHEN 'place.created' THEN 'registry.place.create'
  WHEN 'place.updated' THEN 'registry.place.update'
  WHEN 'place.deleted' THEN 'registry.place.delete'
  WHEN 'place.layout_applied' THEN 'registry.place.applyLayout'
  WHEN 'places.imported' THEN 'registry.place.import'
  WHEN 'building.head_set' THEN 'registry.building.setHead'
  WHEN 'grid.created' THEN 'registry.grid.create'
  WHEN 'grid.updated' THEN 'registry.grid.update'
  WHEN 'grid.deleted' THEN 'registry.grid.delete'
  WHEN 'employer.created' THEN 'registry.employer.create'
  WHEN 'employer.updated' THEN 'registry.employer.update'
  WHEN 'employer.deleted' THEN 'registry.employer.delete'
  WHEN 'household.created' THEN 'registry.household.create'
  WHEN 'household.deleted' THEN 'registry.household.delete'
  WHEN 'household.exported' THEN 'registry.household.export'
  WHEN 'resident.created' THEN 'registry.resident.create'
  WHEN 'resident.updated' THEN 'registry.resident.update'
  WHEN 'resident.deleted' THEN 'registry.resident.delete'
  WHEN 'resident.revealed' THEN 'registry.resident.reveal'
  WHEN 'resident.exported' THEN 'registry.resident.export'
  WHEN 'residents.imported' THEN 'registry.resident.import'
END
WHERE "action" IN ('inbound.submitted', 'inbound.declared', 'inbound.settings_saved', 'servicedesk.order_created', 'servicedesk.photo_added', 'servicedesk.limit_missed', 'servicedesk.breach_explained', 'servicedesk.breach_reviewed', 'servicedesk.category_created', 'servicedesk.category_updated', 'servicedesk.team_created', 'servicedesk.team_updated', 'access.pass.issued', 'access.pass.renewed', 'access.pass.revoked', 'access.gate.created', 'access.gate_event.recorded', 'access.gate_events.synced', 'access.fever_referral.created', 'containment.settings_saved', 'place.created', 'place.updated', 'place.deleted', 'place.layout_applied', 'places.imported', 'building.head_set', 'grid.created', 'grid.updated', 'grid.deleted', 'employer.created', 'employer.updated', 'employer.deleted', 'household.created', 'household.deleted', 'household.exported', 'resident.created', 'resident.updated', 'resident.deleted', 'resident.revealed', 'resident.exported', 'residents.imported');
