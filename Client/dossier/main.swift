import DossierReplica
print("dossier")
